using System.Text.RegularExpressions;

namespace Convene.IntegrationTests.Security;

/// <summary>
/// "All SQL parameterized" (issue 8, item 5), checked over the sources: EF's raw-SQL entry points that take a plain
/// string (FromSqlRaw, ExecuteSqlRaw, SqlQueryRaw) are not used — the interpolated ones (FromSql, ExecuteSqlAsync)
/// turn every hole into a parameter — and an ADO.NET CommandText is built by interpolation only in the files
/// reviewed for it, which interpolate integer constants (migration versions, the status table of db check) or, in the
/// busy-row reader and the series' bulk insert, parameter names, enum codes and table/column names
/// from the EF model (every value is a parameter).
/// </summary>
public sealed partial class SqlParameterizationTests
{
    private static readonly string[] Reviewed = ["DatabaseMigrator.cs", "DatabaseCheck.cs", "BusyRowReader.cs", "BulkInsert.cs"];

    [Fact]
    public void NoRawSqlIsBuiltFromStrings_OutsideTheReviewedFiles()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Convene.slnx")))
        {
            root = root.Parent ?? throw new InvalidOperationException("Convene.slnx not found");
        }

        var sources = Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sources);
        var offenders = sources
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => RawSql().IsMatch(l.Text) || (InterpolatedCommandText().IsMatch(l.Text) && !Reviewed.Contains(Path.GetFileName(l.File))))
            .Select(l => $"{Path.GetRelativePath(root.FullName, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }

    [GeneratedRegex(@"\b(FromSqlRaw|ExecuteSqlRaw|ExecuteSqlRawAsync|SqlQueryRaw)\b")]
    private static partial Regex RawSql();

    [GeneratedRegex(@"CommandText\s*=\s*(\$|string\.Format|.*\+)")]
    private static partial Regex InterpolatedCommandText();
}
