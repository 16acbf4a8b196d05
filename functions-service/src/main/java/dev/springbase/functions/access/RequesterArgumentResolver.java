package dev.springbase.functions.access;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import dev.springbase.platform.errors.ApiException;
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
		UUID named = this.consoleRoles.namedProject(webRequest.getHeader(Requester.PROJECT_HEADER));
		if (caller.isAccount()) {
			if (named == null) {
				throw ApiException.badRequest("functions.project_required",
						"Console calls must name the project in the " + Requester.PROJECT_HEADER + " header.");
			}
			return new Requester(named, level(this.consoleRoles.roleOf(caller, named)), caller);
		}
		UUID project = caller.requireProject();
		if (named != null && !named.equals(project)) {
			throw this.consoleRoles.projectNotVisible(named);
		}
		return new Requester(project, caller.isServiceRole() ? Requester.Level.ADMIN : Requester.Level.CLIENT, caller);
	}

	private static Requester.Level level(ConsoleRoles.Role role) {
		return role.canChange() ? Requester.Level.ADMIN : Requester.Level.VIEWER;
	}

}
