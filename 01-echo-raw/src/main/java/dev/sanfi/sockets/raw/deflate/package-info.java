/**
 * permessage-deflate (RFC 7692) by hand, pure like the rest of the codec: the negotiation in
 * {@code Sec-WebSocket-Extensions} (common's {@link dev.sanfi.sockets.common.ExtensionHeader} reads the
 * header, {@link dev.sanfi.sockets.raw.deflate.DeflateNegotiation} decides the answer into
 * {@link dev.sanfi.sockets.raw.deflate.DeflateParameters}), then per connection
 * ({@link dev.sanfi.sockets.raw.deflate.PerMessageDeflate}) a
 * {@link dev.sanfi.sockets.raw.deflate.MessageDeflater} for what is sent and a
 * {@link dev.sanfi.sockets.raw.deflate.MessageInflater} for what arrives, both on {@code java.util.zip}.
 * The frame rules (RSV1 on the first frame of a compressed message only, RFC 7692 §6.1) are
 * {@code FrameParser}'s, and the size limit on inflated bytes is {@code MessageAssembler}'s.
 *
 * <p>Chapter 4b (docs/04b-compression.md) reads this package.
 */
package dev.sanfi.sockets.raw.deflate;
