package dev.springbase.functions.access;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import dev.springbase.platform.security.Caller;
import dev.springbase.platform.security.ConsoleRoles;

/** Lets controllers declare a {@link Requester} parameter. */
class RequesterArgumentResolver implements HandlerMethodArgumentResolver {

	private final ConsoleRoles consoleRoles;

	RequesterArgumentResolver(ConsoleRoles consoleRoles) {
		this.consoleRoles = consoleRoles;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Requester.class.equals(parameter.getParameterType());
	}

	@Override
	public Requester resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		Caller caller = Caller.current();
		ConsoleRoles.Scope scope = this.consoleRoles.scopeOf(caller, webRequest.getHeader(Requester.PROJECT_HEADER));
		if (scope.consoleRole() != null) {
			return new Requester(scope.projectId(), level(scope.consoleRole()), caller);
		}
		return new Requester(scope.projectId(), caller.isServiceRole() ? Requester.Level.ADMIN : Requester.Level.CLIENT,
				caller);
	}

	private static Requester.Level level(ConsoleRoles.Role role) {
		return role.canChange() ? Requester.Level.ADMIN : Requester.Level.VIEWER;
	}

}
