package dev.springbase.storage.objects;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.springbase.platform.errors.ApiException;

/**
 * An upload's bytes on their way to a blob: counted, hashed and cut off with an error as
 * soon as they pass the object's size limit or the project's remaining quota, so an
 * oversized upload is refused while it streams and nothing of it is kept.
 */
final class IncomingContent extends FilterInputStream {

	/** Enough for content sniffing: Tika's magic rules look at the first bytes only. */
	static final int SNIFF_BYTES = 64 * 1024;

	private final MessageDigest digest;

	private final long sizeLimit;

	private final long quotaRoom;

	private final long quotaBytes;

	private long count;

	private long mark;

	IncomingContent(InputStream in, long sizeLimit, long quotaRoom, long quotaBytes) {
		super(new BufferedInputStream(in, SNIFF_BYTES));
		this.digest = sha256();
		this.sizeLimit = sizeLimit;
		this.quotaRoom = quotaRoom;
		this.quotaBytes = quotaBytes;
	}

	long size() {
		return this.count;
	}

	String sha256Hex() {
		return HexFormat.of().formatHex(this.digest.digest());
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			this.digest.update((byte) b);
			counted(1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		if (n > 0) {
			this.digest.update(buffer, offset, n);
			counted(n);
		}
		return n;
	}

	/**
	 * Marks are only used by the content sniffer before any byte is consumed: the digest
	 * is updated again from the start after a reset, so it is reset too.
	 */
	@Override
	public synchronized void mark(int readLimit) {
		super.mark(readLimit);
		this.mark = this.count;
	}

	@Override
	public synchronized void reset() throws IOException {
		super.reset();
		if (this.mark != 0) {
			throw new IOException("Content can only be re-read from its start");
		}
		this.count = 0;
		this.digest.reset();
	}

	@Override
	public long skip(long n) {
		throw new UnsupportedOperationException("Every byte must be hashed");
	}

	private void counted(int n) {
		this.count += n;
		if (this.count > this.sizeLimit) {
			throw ObjectException.tooLarge(this.sizeLimit);
		}
		if (this.count > this.quotaRoom) {
			throw quotaExceeded();
		}
	}

	private ApiException quotaExceeded() {
		return ObjectException.bytesQuotaExceeded(this.quotaBytes);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
