package io.arktasksync.config;

/** JDBC URLs made safe to print. */
public final class JdbcUrls {

    private JdbcUrls() {
    }

    /** Removes {@code password=...} parameters and {@code user:password@} credentials. */
    public static String withoutPassword(String url) {
        return url.replaceAll("(?i)([?&;]password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }
}
