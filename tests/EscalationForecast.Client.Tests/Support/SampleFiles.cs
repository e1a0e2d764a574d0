using EscalationForecast.Client.Presets;
using EscalationForecast.Client.Reading;

namespace EscalationForecast.Client.Tests.Support;

/// <summary>The API's sample CSVs, copied next to the test assembly by the project file.</summary>
internal static class SampleFiles
{
    public const string Insurgent = "iraq-2007-2008-insurgent-attacks.csv";
    public const string Airstrikes = "iraq-2007-coalition-airstrikes.csv";
    public const string Context = "iraq-2007-2008-context.csv";
    public const string UsMilitia = "us-militia-iraq-2019-2021.csv";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Samples");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Data rows, counted independently of the parser: the samples have no quoted line breaks.</summary>
    public static int DataRows(string name) => File.ReadLines(PathOf(name)).Skip(1).Count(l => l.Length > 0);

    public static EventFile Read(string name, ImportPreset preset) => EventFileReader.ReadFile(PathOf(name), preset);

    // The big files are read by several tests; parsing them once keeps the suite fast.
    private static readonly Lazy<EventFile> insurgent = new(() => Read(Insurgent, ImportPresets.IraqInsurgent));
    private static readonly Lazy<EventFile> airstrikes = new(() => Read(Airstrikes, ImportPresets.IraqAirstrikes));

    public static EventFile InsurgentFile => insurgent.Value;
    public static EventFile AirstrikesFile => airstrikes.Value;
}
