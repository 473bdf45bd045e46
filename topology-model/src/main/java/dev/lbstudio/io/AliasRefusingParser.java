package dev.lbstudio.io;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;

/**
 * Refuses YAML anchors and aliases. Jackson would silently read {@code *name} as the string
 * "name", which turns a shared value into a wrong one; design files spell values out instead.
 */
final class AliasRefusingParser extends JsonParserDelegate {

    AliasRefusingParser(JsonParser yaml) {
        super(yaml);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = super.nextToken();
        if (delegate instanceof YAMLParser yaml && (yaml.isCurrentAlias() || yaml.getObjectId() != null)) {
            throw new JsonParseException(this, "anchors and aliases (&name, *name) are not supported in design files; "
                    + "write the value out where it is used");
        }
        return token;
    }
}
