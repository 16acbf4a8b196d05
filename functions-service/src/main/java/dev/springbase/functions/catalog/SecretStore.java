package dev.springbase.functions.catalog;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.crypto.MasterKey;
import dev.springbase.platform.jdbc.Timestamps;

/** Function secrets, encrypted before they reach the database. */
@Repository
class SecretStore {

	private final JdbcClient jdbc;

	private final MasterKey cipher;

	SecretStore(JdbcClient jdbc, MasterKey cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	void put(UUID functionId, String name, String value) {
		byte[] ciphertext = this.cipher.encrypt(value.getBytes(StandardCharsets.UTF_8), owner(functionId, name));
		this.jdbc.sql("""
				insert into function_secrets (function_id, name, ciphertext, updated_at)
				values (:function, :name, :ciphertext, :now)
				on conflict (function_id, name) do update set ciphertext = excluded.ciphertext,
				updated_at = excluded.updated_at""")
			.param("function", functionId)
			.param("name", name)
			.param("ciphertext", ciphertext)
			.param("now", Timestamps.toSql(Timestamps.now()))
			.update();
	}

	boolean delete(UUID functionId, String name) {
		return this.jdbc.sql("delete from function_secrets where function_id = :function and name = :name")
			.param("function", functionId)
			.param("name", name)
			.update() > 0;
	}

	List<String> names(UUID functionId) {
		return this.jdbc.sql("select name from function_secrets where function_id = :function order by name")
			.param("function", functionId)
			.query(String.class)
			.list();
	}

	Map<String, String> decrypted(UUID functionId) {
		Map<String, String> secrets = new LinkedHashMap<>();
		this.jdbc.sql("select name, ciphertext from function_secrets where function_id = :function")
			.param("function", functionId)
			.query((rs) -> {
				String name = rs.getString("name");
				secrets.put(name, new String(this.cipher.decrypt(rs.getBytes("ciphertext"), owner(functionId, name),
						"secret " + name + " of function " + functionId), StandardCharsets.UTF_8));
			});
		return secrets;
	}

	private static String owner(UUID functionId, String name) {
		return functionId + "/" + name;
	}

}
