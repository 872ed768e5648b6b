using System.Globalization;
using Convene.Core.Common;
using NodaTime;
using NodaTime.Text;

namespace Convene.Web.Api;

/// <summary>ISO 8601 durations on the wire (RFC 5545 §3.3.6 style): PT30M, PT1H, P1D.</summary>
public static class IsoDuration
{
    /// <summary>Parses <paramref name="text"/>; months and years have no fixed length and are refused.</summary>
    /// <remarks>Error codes are <c>{area}.{codeName}_required</c> and <c>{area}.{codeName}_invalid</c> (codeName defaults to the field).</remarks>
    public static Result<Duration?> Parse(string? text, string area, string field, bool required, string? codeName = null)
    {
        codeName ??= field;
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? Error.Validation($"{area}.{codeName}_required", $"{field} is required, e.g. PT1H.", field) : (Duration?)null;
        }

        var parsed = PeriodPattern.NormalizingIso.Parse(text.Trim());
        if (!parsed.Success || parsed.Value.Months != 0 || parsed.Value.Years != 0)
        {
            return Error.Validation($"{area}.{codeName}_invalid", $"{field} is an ISO 8601 duration such as PT30M, PT1H or P1D.", field);
        }

        return parsed.Value.ToDuration();
    }

    /// <summary>Whole minutes as PT{n}M (PT0M, PT90M): one predictable form for clients to compare.</summary>
    public static string FormatMinutes(Duration duration) =>
        string.Create(CultureInfo.InvariantCulture, $"PT{(long)duration.TotalMinutes}M");
}
