package dev.lbstudio.lab.bmp;

/** The BMP stream is not what RFC 7854 describes; the collector drops the connection and FRR reconnects. */
public class BmpFormatException extends RuntimeException {
    public BmpFormatException(String message) {
        super(message);
    }
}
