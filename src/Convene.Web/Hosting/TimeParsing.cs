using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Convene.Web.Hosting;

/// <summary>ISO 8601 times with an explicit offset (or Z) on input; a local time without offset is ambiguous and refused.</summary>
public static class TimeParsing
{
    private static readonly OffsetDateTimePattern Pattern = OffsetDateTimePattern.ExtendedIso;

    public static bool TryParse(string? text, out Instant instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // A '+' in an unencoded query string arrives as a space: "10:00:00 02:00" means "10:00:00+02:00".
        var candidate = text.Trim();
        if (candidate.Length > 19 && candidate[19] == ' ')
        {
            candidate = string.Concat(candidate.AsSpan(0, 19), "+", candidate.AsSpan(20));
        }

        var parsed = Pattern.Parse(candidate.Replace('z', 'Z'));
        if (!parsed.Success)
        {
            return false;
        }

        instant = parsed.Value.ToInstant();
        return true;
    }

    public static DateTime ToUtc(Instant instant) => instant.ToDateTimeUtc();
}

/// <summary>Reads DateTimeOffset strictly (offset required) and writes UTC with 'Z'.</summary>
public sealed class StrictDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !TimeParsing.TryParse(reader.GetString(), out var instant))
        {
            throw new JsonException("Expected an ISO 8601 time with an offset, e.g. \"2030-06-03T10:00:00+02:00\" or \"2030-06-03T08:00:00Z\".");
        }

        return instant.ToDateTimeOffset();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
