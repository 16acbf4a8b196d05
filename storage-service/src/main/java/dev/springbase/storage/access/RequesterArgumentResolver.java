package dev.springbase.storage.access;

import java.util.UUID;

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
		UUID project = scope.projectId();
		if (scope.consoleRole() != null) {
			return new Requester(project, level(scope.consoleRole()), null);
		}
		if (caller.isServiceRole()) {
			return Requester.admin(project);
		}
		if (caller.kind() == Caller.Kind.USER && Caller.ROLE_AUTHENTICATED.equals(caller.role())) {
			return new Requester(project, Requester.Level.USER, caller.subject());
		}
		return new Requester(project, Requester.Level.ANON, null);
	}

	private static Requester.Level level(ConsoleRoles.Role role) {
		return role.canChange() ? Requester.Level.ADMIN : Requester.Level.VIEWER;
	}

}
