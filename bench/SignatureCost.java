import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * What signing and verifying one access token costs with each asymmetric JWS algorithm
 * the JDK offers: RS256 (what the auth service signs with), ES256 and EdDSA. A sign-in
 * signs once; every request with a user token is verified by the gateway and the service.
 * Usage: java bench/SignatureCost.java [seconds per figure, default 2]
 * With -Dprovider=NAME the JCA provider of that name found on the class path (for example
 * AmazonCorrettoCryptoProvider) is put first, as a service installing it would.
 */
public class SignatureCost {

	private static final byte[] PAYLOAD = new byte[400];

	public static void main(String[] args) throws Exception {
		long nanos = (args.length > 0 ? Long.parseLong(args[0]) : 2) * 1_000_000_000L;
		String provider = System.getProperty("provider");
		if (provider != null) {
			Provider found = java.util.ServiceLoader.load(Provider.class)
				.stream()
				.map(java.util.ServiceLoader.Provider::get)
				.filter((candidate) -> candidate.getName().equals(provider))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("No provider " + provider + " on the class path"));
			Security.insertProviderAt(found, 1);
		}
		measure("RS256", "RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), "SHA256withRSA", nanos);
		measure("ES256", "EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSAinP1363Format", nanos);
		measure("EdDSA", "Ed25519", null, "Ed25519", nanos);
	}

	private static void measure(String name, String keyAlgorithm, AlgorithmParameterSpec spec, String algorithm,
			long nanos) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
		if (spec != null) {
			generator.initialize(spec);
		}
		KeyPair keys = generator.generateKeyPair();
		byte[] signature = sign(algorithm, keys);
		for (int round = 1; round <= 3; round++) {
			long start = System.nanoTime();
			int signed = 0;
			while (System.nanoTime() - start < nanos) {
				signature = sign(algorithm, keys);
				signed++;
			}
			double signMicros = (System.nanoTime() - start) / 1000.0 / signed;
			start = System.nanoTime();
			int verified = 0;
			while (System.nanoTime() - start < nanos) {
				Signature verifier = Signature.getInstance(algorithm);
				verifier.initVerify(keys.getPublic());
				verifier.update(PAYLOAD);
				if (!verifier.verify(signature)) {
					throw new IllegalStateException(name + " did not verify its own signature");
				}
				verified++;
			}
			double verifyMicros = (System.nanoTime() - start) / 1000.0 / verified;
			System.out.printf("%s (%s) round %d: sign %.0f us, verify %.0f us%n", name,
					Signature.getInstance(algorithm).getProvider().getName(), round, signMicros, verifyMicros);
		}
	}

	private static byte[] sign(String algorithm, KeyPair keys) throws Exception {
		Signature signer = Signature.getInstance(algorithm);
		signer.initSign(keys.getPrivate());
		signer.update(PAYLOAD);
		return signer.sign();
	}

}
