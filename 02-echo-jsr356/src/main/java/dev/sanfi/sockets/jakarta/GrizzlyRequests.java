package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.RequestRules;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.grizzly.http.HttpRequestPacket;

/** A Grizzly request head as {@code common}'s {@link RequestRules} read it. */
public final class GrizzlyRequests {

    private GrizzlyRequests() {
    }

    /** The method, path (without the query), protocol and header fields of a parsed request head. */
    public static RequestRules.Head head(HttpRequestPacket request) {
        return RequestRules.head(request.getMethod().getMethodString(), request.getRequestURI(),
                request.getProtocolString(), name -> {
                    List<String> values = new ArrayList<>();
                    request.getHeaders().values(name).forEach(values::add);
                    return values;
                });
    }
}
