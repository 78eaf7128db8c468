package dev.braeburn.server.family.signing.profile;

import dev.braeburn.server.family.signing.ca.Authority;
import dev.braeburn.server.family.signing.ca.CertificateAuthority;

/**
 * Makes a {@code .mobileprovision} (provisioning.md §4.4): the DER-encoded profile signed by the
 * DER-profile signer (ECDSA with SHA-256, chain: signer, System Integration CA 4, the "- G3" root),
 * put into the XML plist, and the plist signed as CMS SignedData by the profile-signing certificate
 * (chain: signer, iPhone Certification Authority, the RSA root — Apple's verifier wants length 3).
 * The result is what {@code profileContent} carries, base64-encoded.
 */
public final class MobileProvision {
  private MobileProvision() {}

  public static byte[] make(ProfileFacts facts, CertificateAuthority ca) {
    byte[] der = CmsSigner.sign(DerEncodedProfile.payload(facts), ca.derProfileSigning(), ca.chain(Authority.DER_PROFILE_SIGNING),
        facts.creation(), "SHA256withECDSA");
    return CmsSigner.sign(ProfilePlist.xml(facts, der), ca.profileSigning(), ca.chain(Authority.PROFILE_SIGNING), facts.creation(),
        "SHA256withRSA");
  }
}
