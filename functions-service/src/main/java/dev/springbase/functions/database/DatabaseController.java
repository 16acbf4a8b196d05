package dev.springbase.functions.database;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.functions.access.Requester;

@RestController
@RequestMapping("${springbase.api-prefix}/database")
class DatabaseController {

	private final SqlRunner sql;

	private final Tables tables;

	DatabaseController(SqlRunner sql, Tables tables) {
		this.sql = sql;
		this.tables = tables;
	}

	/**
	 * Runs SQL in the project's database as the project's role, all statements in one
	 * transaction, and answers what the last one gave.
	 */
	@PostMapping("/sql")
	SqlResult run(Requester requester, @RequestBody SqlRequest request) {
		requester.requireAdmin();
		return this.sql.run(requester.projectId(), request.sql());
	}

	@GetMapping("/tables")
	TableList tables(Requester requester) {
		requester.requireAdminOrViewer();
		return new TableList(ProjectDatabases.nameOf(requester.projectId()), this.tables.list(requester.projectId()));
	}

	record SqlRequest(@Nullable String sql) {

	}

	/**
	 * @param schema the project's schema
	 * @param items its tables and views by name
	 */
	record TableList(String schema, List<TableView> items) {

	}

}
