package org.fleettracker.broker.api;

import org.jspecify.annotations.Nullable;

/** Writes the {@code <listeners>} element of HiveMQ's {@code config.xml}. */
final class ListenerConfig {

    private ListenerConfig() {}

    /** Returns the listeners element with a plain listener when {@code plainPort} is set and a TLS one when set. */
    static String xml(String bindAddress, @Nullable Integer plainPort, @Nullable TlsListener tls) {
        StringBuilder xml = new StringBuilder("    <listeners>\n");
        if (plainPort != null) {
            xml.append(
                    """
                            <tcp-listener>
                                <port>%d</port>
                                <bind-address>%s</bind-address>
                            </tcp-listener>
                    """
                            .formatted(plainPort, escape(bindAddress)));
        }
        if (tls != null) {
            xml.append(tlsListenerXml(bindAddress, tls));
        }
        return xml.append("    </listeners>").toString();
    }

    private static String tlsListenerXml(String bindAddress, TlsListener tls) {
        StringBuilder protocols = new StringBuilder();
        for (String protocol : TlsListener.PROTOCOLS) {
            protocols.append("                <protocol>").append(protocol).append("</protocol>\n");
        }
        return """
                        <tls-tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <tls>
                                <keystore>
                                    <path>%s</path>
                                    <password>%s</password>
                                    <private-key-password>%s</private-key-password>
                                </keystore>
                                <protocols>
                %s                </protocols>
                                <client-authentication-mode>NONE</client-authentication-mode>
                            </tls>
                        </tls-tcp-listener>
                """
                .formatted(
                        tls.port(),
                        escape(bindAddress),
                        escape(tls.keyStorePath().toAbsolutePath().toString()),
                        escape(tls.keyStorePassword()),
                        escape(tls.privateKeyPassword()),
                        protocols);
    }

    /** Escapes the characters that XML text content cannot contain as they are. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
