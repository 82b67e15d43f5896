package org.libertymail.adapter.api;

/**
 * A domain's DKIM signing key (RFC 6376): messages from the domain are signed with it as they
 * leave.
 *
 * @param selector the name its public key is published under: {@code selector._domainkey.domain}
 * @param privateKey the RSA private key, PKCS#8 DER
 */
public record DkimKey(String domain, String selector, byte[] privateKey) {
    @Override
    public String toString() { // never the key, whatever logs it
        return "DkimKey[" + selector + "._domainkey." + domain + "]";
    }
}
