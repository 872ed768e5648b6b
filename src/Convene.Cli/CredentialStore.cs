using System.Text.Json;

namespace Convene.Cli;

/// <summary>What <c>convene login</c> keeps: the server, the bearer token and who it belongs to.</summary>
internal sealed record Credentials(string Server, string Token, int AssociateId, string UserName);

/// <summary>The credentials file: <c>$CONVENE_CONFIG</c>, else <c>~/.config/convene/credentials.json</c>; owner-only (0600).</summary>
internal sealed class CredentialStore(string path)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Path => path;

    public async Task<Credentials?> LoadAsync(CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<Credentials>(stream, ApiClient.Json, ct);
        }
        catch (JsonException)
        {
            throw new CliException(Core.Common.Error.Unauthorized(
                "cli.credentials_invalid", $"The credentials file {path} is damaged; run 'convene login' again."));
        }
    }

    public async Task SaveAsync(Credentials credentials, CancellationToken ct)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnly | UnixFileMode.UserExecute);
            options.UnixCreateMode = OwnerOnly;
        }

        // A new file gets the owner-only mode as it is created, before the token is in it.
        File.Delete(path);
        await using var stream = new FileStream(path, options);
        await JsonSerializer.SerializeAsync(stream, credentials, ApiClient.Json, ct);
    }

    public bool Delete()
    {
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}
