using EscalationForecast.Client.Importing;
using EscalationForecast.Client.Presets;

namespace EscalationForecast.Client.Samples;

/// <summary>A sample CSV shipped with the API (<c>src/EscalationForecast.Api/Samples</c>) and the preset that reads it.</summary>
public sealed record SampleFile(string FileName, ImportPreset Preset, string What);

/// <summary>
/// The sample data set, so the server's first-start loader, the CLI, tests and notebooks all import it through the
/// same presets and therefore produce the same ids (a later <c>forecast import</c> of a sample stores nothing new).
/// </summary>
public static class SampleData
{
    public static IReadOnlyList<SampleFile> Files { get; } =
    [
        new("iraq-2007-2008-insurgent-attacks.csv", ImportPresets.IraqInsurgent, "insurgent attacks in Iraq, 2007-02-23 .. 2008-07-05"),
        new("iraq-2007-coalition-airstrikes.csv", ImportPresets.IraqAirstrikes, "coalition airstrikes and shows of force, same period"),
        new("iraq-2007-2008-context.csv", ImportPresets.IraqContext, "ceasefires and anniversaries of 2007-2008"),
        new("us-militia-iraq-2019-2021.csv", ImportPresets.UsMilitia, "militia attacks on US sites and US strikes, 2019-2021"),
    ];

    /// <summary>
    /// The sample files in <paramref name="directory"/> as import sources, in the order above.
    /// A missing file is not skipped: the import reports it as unreadable, so a broken deployment is noticed.
    /// </summary>
    public static IReadOnlyList<ImportSource> Sources(string directory) =>
        Files.Select(f => ImportSource.FromFile(Path.Combine(directory, f.FileName), f.Preset)).ToArray();
}
