namespace EscalationForecast.Client.Presets;

/// <summary>The built-in presets, and the rule that picks one for a file.</summary>
public static class ImportPresets
{
    public static GeocodedIncidentsPreset IraqInsurgent { get; } = new("iraq-insurgent", "insurgent",
        "2007-2008 insurgent attacks (geocausal), city theaters by coordinates, channel 'insurgent'",
        "*insurgent-attacks*.csv");

    public static GeocodedIncidentsPreset IraqAirstrikes { get; } = new("iraq-airstrikes", "coalition",
        "2007-2008 coalition airstrikes and shows of force (geocausal), city theaters by coordinates, channel 'coalition'",
        "*coalition-airstrikes*.csv");

    public static IraqContextPreset IraqContext { get; } = new();

    public static UsMilitiaPreset UsMilitia { get; } = new();

    /// <summary>The named presets, generic last (it needs a <see cref="ColumnMapping"/>, so it is made per use).</summary>
    public static IReadOnlyList<ImportPreset> All { get; } = [IraqInsurgent, IraqAirstrikes, IraqContext, UsMilitia, new GenericPreset()];

    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToArray();

    /// <summary>The preset whose file-name patterns match, or null.</summary>
    public static ImportPreset? Detect(string fileName) => All.FirstOrDefault(p => p.Matches(fileName));

    /// <summary>
    /// An explicit preset wins; column options alone mean <c>generic</c>; otherwise the file name decides, and an
    /// unrecognised file falls back to <c>generic</c> with the usual column names. Column options with a named
    /// preset are refused rather than silently ignored.
    /// </summary>
    /// <exception cref="ArgumentException">unknown preset name, or column options with a named preset.</exception>
    public static ImportPreset Resolve(string fileName, string? presetName = null, ColumnMapping? mapping = null)
    {
        mapping ??= new ColumnMapping();
        if (presetName is null)
            return mapping.IsEmpty ? Detect(fileName) ?? new GenericPreset() : new GenericPreset(mapping);
        var preset = All.FirstOrDefault(p => p.Name.Equals(presetName.Trim(), StringComparison.OrdinalIgnoreCase))
                     ?? throw new ArgumentException($"Unknown preset '{presetName}'; choose one of {string.Join(", ", Names)}.");
        if (preset is GenericPreset) return new GenericPreset(mapping);
        return mapping.IsEmpty
            ? preset
            : throw new ArgumentException(
                $"Column and theater/channel options apply to the generic preset only; the {preset.Name} preset fixes its " +
                "own columns. Drop those options, or pass --preset generic.");
    }
}
