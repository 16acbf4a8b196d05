package dev.springbase.auth.projects;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.springbase.auth.accounts.AccountException;
import dev.springbase.auth.accounts.AccountService;
import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.auth.projects.ProjectAccess.Action;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

/**
 * Project membership. Changes lock the project row, so two concurrent demotions can never
 * leave a project without an owner.
 */
@Service
class MemberService {

	private final MemberRepository members;

	private final ProjectRepository projects;

	private final ProjectAccess access;

	private final AccountService accounts;

	MemberService(MemberRepository members, ProjectRepository projects, ProjectAccess access, AccountService accounts) {
		this.members = members;
		this.projects = projects;
		this.access = access;
		this.accounts = accounts;
	}

	@Transactional(readOnly = true)
	CursorPage<Member> list(Caller caller, UUID projectId, PageRequest page) {
		this.access.require(caller, projectId, Action.READ);
		return CursorPage.of(this.members.page(projectId, page), page.limit(),
				(member) -> PageRequest.cursorOf(member.accountId()));
	}

	@Transactional
	Member add(Caller caller, UUID projectId, String email, ProjectRole role) {
		this.access.require(caller, projectId, Action.MANAGE);
		lockProject(projectId);
		UUID accountId = this.accounts.findIdByEmail(email).orElseThrow(() -> AccountException.notFound(email));
		if (!this.members.insert(projectId, accountId, role, Timestamps.now())) {
			throw ProjectException.memberExists(email);
		}
		return this.members.find(projectId, accountId).orElseThrow();
	}

	@Transactional
	Member changeRole(Caller caller, UUID projectId, UUID accountId, ProjectRole role) {
		this.access.require(caller, projectId, Action.MANAGE);
		lockProject(projectId);
		Member member = this.members.find(projectId, accountId)
			.orElseThrow(() -> ProjectException.memberNotFound(accountId));
		if (member.role() == ProjectRole.OWNER && role != ProjectRole.OWNER) {
			requireAnotherOwner(projectId);
		}
		this.members.updateRole(projectId, accountId, role);
		return new Member(member.accountId(), member.email(), role, member.addedAt());
	}

	@Transactional
	void remove(Caller caller, UUID projectId, UUID accountId) {
		this.access.require(caller, projectId, Action.MANAGE);
		lockProject(projectId);
		Member member = this.members.find(projectId, accountId)
			.orElseThrow(() -> ProjectException.memberNotFound(accountId));
		if (member.role() == ProjectRole.OWNER) {
			requireAnotherOwner(projectId);
		}
		this.members.delete(projectId, accountId);
	}

	private void lockProject(UUID projectId) {
		this.projects.lock(projectId).orElseThrow(() -> ProjectException.notFound(projectId));
	}

	private void requireAnotherOwner(UUID projectId) {
		if (this.members.countOwners(projectId) <= 1) {
			throw ProjectException.lastOwner();
		}
	}

}
