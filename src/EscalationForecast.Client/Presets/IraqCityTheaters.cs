namespace EscalationForecast.Client.Presets;

/// <summary>A square box of ±<see cref="HalfWidth"/> degrees of latitude and longitude around a city centre.</summary>
public sealed record CityBox(string TheaterId, string City, double Lat, double Lon, double HalfWidth)
{
    /// <summary>Edges are inclusive; the boxes are disjoint, so an edge point still has one theater.</summary>
    public bool Contains(double lat, double lon) =>
        Math.Abs(lat - Lat) <= HalfWidth && Math.Abs(lon - Lon) <= HalfWidth;
}

/// <summary>
/// The 2007-2008 forecasting units: boxes around five cities named in the data's README. Baghdad gets 0.2 degrees
/// (about 22 km north-south) because the city and its belts spread wider than the others; 0.1 degrees (about 11 km)
/// covers each of the smaller cities. The boxes are disjoint (the closest pair, Baghdad and Baqubah, leave 0.14
/// degrees of latitude between them), and every point outside them goes to <see cref="Other"/>, so no valid row is
/// dropped for lack of a theater.
/// </summary>
public static class IraqCityTheaters
{
    public const string Other = "iraq-other";

    public static IReadOnlyList<CityBox> Boxes { get; } =
    [
        new("iraq-baghdad", "Baghdad", 33.31, 44.37, 0.2),
        new("iraq-ramadi", "Ramadi", 33.42, 43.30, 0.1),
        new("iraq-mosul", "Mosul", 36.34, 43.13, 0.1),
        new("iraq-baqubah", "Baqubah", 33.75, 44.64, 0.1),
        new("iraq-fallujah", "Fallujah", 33.35, 43.78, 0.1),
    ];

    /// <summary>The five city theaters; context rows (ceasefires, anniversaries) are replicated into each.</summary>
    public static IReadOnlyList<string> CityTheaterIds { get; } = Boxes.Select(b => b.TheaterId).ToArray();

    /// <summary>The box containing the point, or <see cref="Other"/>.</summary>
    public static string TheaterAt(double lat, double lon)
    {
        foreach (var box in Boxes)
        {
            if (box.Contains(lat, lon)) return box.TheaterId;
        }
        return Other;
    }
}
