using EscalationForecast.Client.Presets;

namespace EscalationForecast.Client.Tests.Presets;

public class PresetResolutionTests
{
    [Theory]
    [InlineData("iraq-2007-2008-insurgent-attacks.csv", "iraq-insurgent")]
    [InlineData("/data/IRAQ-2007-2008-INSURGENT-ATTACKS.CSV", "iraq-insurgent")]
    [InlineData("C:\\samples\\iraq-2007-coalition-airstrikes.csv", "iraq-airstrikes")]
    [InlineData("iraq-2007-2008-context.csv", "iraq-context")]
    [InlineData("samples/us-militia-iraq-2019-2021.csv", "us-militia")]
    [InlineData("my-events.csv", "generic")]
    public void Without_a_preset_the_file_name_decides(string path, string preset) =>
        Assert.Equal(preset, ImportPresets.Resolve(path).Name);

    [Fact]
    public void An_explicit_preset_wins_over_the_file_name() =>
        Assert.Same(ImportPresets.UsMilitia, ImportPresets.Resolve("iraq-2007-2008-context.csv", "US-Militia"));

    [Fact]
    public void Column_options_alone_mean_generic_even_for_a_known_file_name()
    {
        var preset = ImportPresets.Resolve("us-militia-iraq-2019-2021.csv", null, new ColumnMapping { Theater = "x" });
        Assert.Equal("x", Assert.IsType<GenericPreset>(preset).Mapping.Theater);
    }

    [Fact]
    public void Column_options_with_a_named_preset_and_unknown_names_are_refused_with_the_choices()
    {
        var mixed = Assert.Throws<ArgumentException>(() =>
            ImportPresets.Resolve("a.csv", "iraq-insurgent", new ColumnMapping { DateColumn = "d" }));
        Assert.Contains("--preset generic", mixed.Message);
        var unknown = Assert.Throws<ArgumentException>(() => ImportPresets.Resolve("a.csv", "iraq"));
        Assert.Contains("iraq-insurgent, iraq-airstrikes, iraq-context, us-militia, generic", unknown.Message);
    }
}
