package dev.braeburn.server.jsonapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body as exactly one JSON document, or refuses it with 400 {@code ENTITY_INVALID}
 * (protocol.md §4.3/§4.4: "JSON processing failed" for a body that is not JSON). Refused: bytes that
 * are not UTF-8 (RFC 8259 §8.1; UTF-16/32 with or without a byte order mark, invalid sequences),
 * anything after the document (trailing garbage, a second document), a key twice in one object
 * (which value would win is undefined), nesting deeper than {@value #MAX_DEPTH}, numbers longer
 * than {@value #MAX_NUMBER_LENGTH} digits and strings longer than the body cap anyway. A UTF-8 byte
 * order mark is skipped: RFC 8259 lets parsers ignore it, and Jackson (which Apple's JVM services
 * most likely use) does; Apple's own answer is not recorded (inferred).
 *
 * <p>The document is decoded to text first, so Jackson never guesses an encoding from the bytes.
 */
public final class JsonBodies {
  /** Apple's deepest request documents nest about 8 levels; 64 leaves room and bounds the recursion. */
  public static final int MAX_DEPTH = 64;
  /** A 64-bit integer has 19 digits; a double at most 17 significant digits plus exponent. */
  public static final int MAX_NUMBER_LENGTH = 40;
  /** No single string of a JSON:API body needs more than the body cap ({@code JettyTransport.MAX_BODY_BYTES}). */
  public static final int MAX_STRING_LENGTH = 2 * 1024 * 1024;

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final ObjectReader reader;

  public JsonBodies(ObjectMapper mapper) {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .build())
        .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    this.reader = new ObjectMapper(factory).setNodeFactory(mapper.getNodeFactory()).reader()
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .without(JsonParser.Feature.ALLOW_COMMENTS);
  }

  /**
   * The one JSON document of {@code body} (not null, not empty), or 400 ENTITY_INVALID saying why
   * not; a document holding U+0000 is refused as {@link NulCharacters} says.
   */
  public JsonNode read(byte[] body) {
    String text = utf8(body);
    if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
      text = text.substring(1);
    }
    try {
      JsonNode node = reader.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new ApiException(Errors.entityInvalid("JSON processing failed: the body holds no JSON document"));
      }
      NulCharacters.refuse(node); // PostgreSQL cannot hold U+0000 in text or jsonb
      return node;
    } catch (IOException e) {
      throw new ApiException(Errors.entityInvalid("JSON processing failed: " + reason(e)));
    }
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ApiException(Errors.entityInvalid("JSON processing failed: the body is not UTF-8 text (RFC 8259 §8.1)"));
    }
  }

  /** The parser's first line, without the source excerpt Jackson appends. */
  private static String reason(IOException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String first = message.lines().findFirst().orElse("");
    int at = first.indexOf(" at [Source");
    return at < 0 ? first : first.substring(0, at);
  }
}
