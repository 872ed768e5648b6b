using System.Text.Json;
using System.Text.Json.Serialization;

namespace Convene.Web.Hosting;

/// <summary>
/// Refuses U+0000 in every JSON string of a request (400 <c>request.invalid_json</c>): PostgreSQL text cannot hold
/// it, and no name, title or reason needs it. Found by the API fuzz test (a contact named "\u0000" was a 500).
/// </summary>
public sealed class NoNulStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("Text must not contain the NUL character (U+0000).")
            : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
