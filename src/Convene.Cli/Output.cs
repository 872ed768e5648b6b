using System.Globalization;
using System.Text.Json;

namespace Convene.Cli;

/// <summary>Writes a command's result: human-readable lines and tables, or JSON (and nothing else) for scripts.</summary>
internal sealed class Output(TextWriter writer, bool json)
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The data as JSON (a server answer as it came, or an object of the CLI's own), or the human rendering.</summary>
    public void Write<T>(T data, Action<TextWriter> human)
    {
        if (json)
        {
            writer.WriteLine(JsonSerializer.Serialize(data, Indented));
        }
        else
        {
            human(writer);
        }
    }

    /// <summary>A list the server answered: as it came, or as a table with a row per item.</summary>
    public void WriteList<T>(JsonElement list, IReadOnlyList<string> headers, Func<T, string[]> row, string empty) =>
        Write(list, w => Table(w, headers, ApiClient.Read<List<T>>(list).Select(row), empty));

    /// <summary>UTC, ISO 8601, to the second: <c>2030-01-02T08:00:00Z</c>.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(int? value) => value is { } v ? Number(v) : "-";

    public static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>Left-aligned columns separated by two spaces; <paramref name="empty"/> when there are no rows.</summary>
    public static void Table(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string empty)
    {
        var all = rows.ToList();
        if (all.Count == 0)
        {
            writer.WriteLine(empty);
            return;
        }

        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Max(r => r[i].Length))).ToArray();
        writer.WriteLine(Row(headers, widths));
        foreach (var row in all)
        {
            writer.WriteLine(Row(row, widths));
        }
    }

    private static string Row(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
