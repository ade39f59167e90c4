namespace Optimize.Journal.Tables.Local;

/// <summary>Where and how <see cref="LocalAzurite"/> runs Azurite.</summary>
public sealed class LocalAzuriteOptions
{
    /// <summary>Default port: 10102, so a developer's own Azurite on 10002 is left alone.</summary>
    public const int DefaultPort = 10102;

    /// <summary>Port of the Table service on 127.0.0.1.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The repository root (the folder with <c>package.json</c> listing azurite); found by walking up from
    /// the current directory and from <see cref="AppContext.BaseDirectory"/> when null.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>Azurite's data folder; <c>{repository root}/.optimize/azurite</c> when null (kept between runs, so
    /// <c>optimize history</c> sees what <c>optimize demo</c> wrote).</summary>
    public string? Location { get; init; }

    /// <summary>How long to wait for the port to accept connections. Default 30 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Run <c>npm ci</c> in the repository root when Azurite is not installed. Default true.</summary>
    public bool AllowNpmInstall { get; init; } = true;

    /// <summary>Where progress and problems are written; standard error when null.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Throws if a setting is invalid.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Port outside 1-65535 or a non-positive timeout.</exception>
    public LocalAzuriteOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Port, 1, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StartTimeout, TimeSpan.Zero, nameof(StartTimeout));
        return this;
    }
}
