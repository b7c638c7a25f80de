package dev.sanfi.sockets.spring;

import dev.sanfi.sockets.common.EchoPage;
import dev.sanfi.sockets.common.EchoProtocol;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The echo page at {@code GET /}, common's bytes. Spring MVC answers {@code HEAD /} from the same
 * method without the body (RFC 9110 §9.3.2); other methods never get here (the guard's
 * {@code RequestCheck} answers them with 405 first).
 */
@RestController
public class PageController {

    private static final MediaType HTML = MediaType.parseMediaType(EchoPage.CONTENT_TYPE);

    @GetMapping(EchoProtocol.PAGE_PATH)
    public ResponseEntity<byte[]> page() {
        return ResponseEntity.ok().contentType(HTML).body(EchoPage.html());
    }
}
