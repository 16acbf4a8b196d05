package dev.springbase.functions.database;

/**
 * How to log in to one project's database: as its role, into its schema. Workers get this
 * at start; it never leaves the service otherwise.
 *
 * @param url the JDBC URL, without user or password
 * @param user the project's role
 * @param password the role's password
 * @param schema the project's schema, the only one the role may use
 */
public record DatabaseAccess(String url, String user, String password, String schema) {

	@Override
	public String toString() {
		return "DatabaseAccess[url=" + this.url + ", user=" + this.user + ", schema=" + this.schema + "]";
	}

}
