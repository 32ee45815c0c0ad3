package io.arktasksync.config;

/** JDBC URLs made safe to print. */
public final class JdbcUrls {

    private JdbcUrls() {
    }

    /** Masks {@code password=...} and {@code sslpassword=...} parameters and {@code user:password@} credentials. */
    public static String withoutPassword(String url) {
        return url.replaceAll("(?i)([?&;][a-z]*password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }
}
