package dev.springbase.functions.database;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Lists what a project's schema holds, from the catalog, without logging in as it. */
@Component
class Tables {

	private final ProjectDatabases databases;

	private final JdbcClient jdbc;

	Tables(ProjectDatabases databases, JdbcClient jdbc) {
		this.databases = databases;
		this.jdbc = jdbc;
	}

	/** The project's tables and views by name; none while its database was never used. */
	List<TableView> list(UUID projectId) {
		return this.databases.existing(projectId).map(this::list).orElseGet(List::of);
	}

	private List<TableView> list(String schema) {
		Map<String, Builder> tables = new LinkedHashMap<>();
		this.jdbc.sql("""
				select c.relname, c.relkind,
				       exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = :trigger) as watched,
				       a.attname, format_type(a.atttypid, a.atttypmod) as type, not a.attnotnull as nullable
				from pg_class c
				join pg_namespace n on n.oid = c.relnamespace
				left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
				where n.nspname = :schema and c.relkind in ('r', 'p', 'v', 'm')
				order by c.relname, a.attnum""")
			.param("schema", schema)
			.param("trigger", TableWatches.TRIGGER)
			.query((rs) -> {
				String kind = switch (rs.getString("relkind")) {
					case "v" -> "view";
					case "m" -> "materialized_view";
					default -> "table";
				};
				boolean watched = rs.getBoolean("watched");
				Builder table = tables.computeIfAbsent(rs.getString("relname"),
						(name) -> new Builder(name, kind, watched));
				String column = rs.getString("attname");
				if (column != null) {
					table.columns.add(new TableView.Column(column, rs.getString("type"), rs.getBoolean("nullable")));
				}
			});
		return tables.values().stream().map(Builder::build).toList();
	}

	private record Builder(String name, String kind, boolean watched, List<TableView.Column> columns) {

		Builder(String name, String kind, boolean watched) {
			this(name, kind, watched, new ArrayList<>());
		}

		TableView build() {
			return new TableView(this.name, this.kind, this.watched, List.copyOf(this.columns));
		}

	}

}
