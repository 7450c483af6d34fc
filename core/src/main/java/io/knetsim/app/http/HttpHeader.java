package io.knetsim.app.http;

/** One header field, {@code Name: value}, with the name as sent. */
public record HttpHeader(String name, String value) {
    @Override
    public String toString() {
        return name + ": " + value;
    }
}
