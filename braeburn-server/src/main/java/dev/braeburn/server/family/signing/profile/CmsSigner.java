package dev.braeburn.server.family.signing.profile;

import dev.braeburn.server.family.signing.ca.Credential;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * CMS SignedData with the content attached, DER (provisioning.md §4.4): one signer identified by
 * issuer and serial, the signer's chain as the certificates, and the signed attributes Apple's
 * profiles carry — contentType, signingTime (the profile's creation), messageDigest,
 * CMSAlgorithmProtection (Bouncy Castle adds it) and SMIMECapabilities.
 */
final class CmsSigner {
  private CmsSigner() {}

  /**
   * {@code algorithm}: a JCA signature name; Apple's outer profile signature is SHA-1 with RSA in
   * every recorded sample (up to 2022). Braeburn signs with SHA-256 [INFER, §9.4: the current one is
   * unrecorded], since OpenSSL 3 and modern verifiers refuse SHA-1 signatures by default.
   */
  static byte[] sign(byte[] content, Credential signer, List<X509Certificate> chain, Instant signingTime, String algorithm) {
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
          .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(attributes(signingTime)))
          .build(new JcaContentSignerBuilder(algorithm).build(signer.privateKey()), signer.certificate()));
      generator.addCertificates(new JcaCertStore(chain));
      return generator.generate(new CMSProcessableByteArray(content), true).getEncoded("DER");
    } catch (OperatorCreationException | CertificateEncodingException | CMSException | IOException e) {
      throw new IllegalStateException("cannot sign a profile", e);
    }
  }

  private static AttributeTable attributes(Instant signingTime) {
    ASN1EncodableVector attributes = new ASN1EncodableVector();
    attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
    SMIMECapabilityVector capabilities = new SMIMECapabilityVector();
    capabilities.addCapability(SMIMECapability.aES256_CBC);
    capabilities.addCapability(SMIMECapability.aES128_CBC);
    capabilities.addCapability(SMIMECapability.dES_EDE3_CBC);
    attributes.add(new SMIMECapabilitiesAttribute(capabilities));
    return new AttributeTable(attributes);
  }
}
