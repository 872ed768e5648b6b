using System.Text.RegularExpressions;

namespace Convene.IntegrationTests.HowTo;

/// <summary>
/// The repository's documentation, read at test time so that a test runs exactly what a page shows. A runnable block
/// is the fenced code block on the line after a marker comment <c>&lt;!-- howto:NAME --&gt;</c>.
/// </summary>
internal static partial class Docs
{
    /// <summary>The folder that holds Convene.slnx, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>A file of the repository with \n line endings.</summary>
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(RepositoryRoot, relativePath)).ReplaceLineEndings("\n");

    /// <summary>The body of the fenced block right after <c>&lt;!-- howto:NAME --&gt;</c>; fails when missing or ambiguous.</summary>
    public static string Block(string document, string name)
    {
        var matches = MarkedBlock().Matches(document).Where(m => m.Groups["name"].Value == name).ToList();
        Assert.True(matches.Count == 1, $"Expected exactly one block marked <!-- howto:{name} --> but found {matches.Count}.");
        return matches[0].Groups["body"].Value;
    }

    /// <summary>Removes the indentation that every non-blank line shares (a method body copied out of a class).</summary>
    public static string Dedent(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart(' ').Length);
        return string.Join('\n', lines.Select(l => l.Trim().Length == 0 ? "" : l[indent..]));
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Convene.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Convene.slnx above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^<!-- howto:(?<name>[a-z0-9:-]+) -->\n```[a-z]*\n(?<body>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex MarkedBlock();
}
