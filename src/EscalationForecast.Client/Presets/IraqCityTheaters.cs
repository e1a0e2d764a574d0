namespace EscalationForecast.Client.Presets;

/// <summary>A square box of ±<see cref="HalfWidth"/> degrees of latitude and longitude around a city centre.</summary>
public sealed record CityBox(string TheaterId, string City, double Lat, double Lon, double HalfWidth)
{
    /// <summary>Edges are inclusive.</summary>
    public bool Contains(double lat, double lon) =>
        Math.Abs(lat - Lat) <= HalfWidth && Math.Abs(lon - Lon) <= HalfWidth;

    /// <summary>Squared distance in degrees from the centre: enough to tell which of two centres is nearer.</summary>
    public double DistanceSquared(double lat, double lon) => (lat - Lat) * (lat - Lat) + (lon - Lon) * (lon - Lon);
}

/// <summary>
/// The 2007-2008 forecasting units: boxes of ±0.25 degrees (about 28 km north-south) around the five cities named
/// in the data's README, wide enough to hold each city with its belts and approach roads, where the violence of
/// those years clustered. Two pairs of boxes overlap at their corners (Baghdad and Baqubah, Ramadi and Fallujah):
/// a point there goes to the nearer centre, so every point has exactly one theater. Every point outside the boxes
/// goes to <see cref="Other"/>, so no valid row is dropped for lack of a theater.
/// </summary>
public static class IraqCityTheaters
{
    public const string Other = "iraq-other";
    public const double HalfWidth = 0.25;

    public static IReadOnlyList<CityBox> Boxes { get; } =
    [
        new("iraq-baghdad", "Baghdad", 33.31, 44.37, HalfWidth),
        new("iraq-ramadi", "Ramadi", 33.42, 43.30, HalfWidth),
        new("iraq-mosul", "Mosul", 36.34, 43.13, HalfWidth),
        new("iraq-baqubah", "Baqubah", 33.75, 44.64, HalfWidth),
        new("iraq-fallujah", "Fallujah", 33.35, 43.78, HalfWidth),
    ];

    /// <summary>The five city theaters; context rows (ceasefires, anniversaries) are replicated into each.</summary>
    public static IReadOnlyList<string> CityTheaterIds { get; } = Boxes.Select(b => b.TheaterId).ToArray();

    /// <summary>The box containing the point (the one with the nearer centre where two do), or <see cref="Other"/>.</summary>
    public static string TheaterAt(double lat, double lon)
    {
        CityBox? nearest = null;
        foreach (var box in Boxes)
        {
            if (box.Contains(lat, lon) && (nearest is null || box.DistanceSquared(lat, lon) < nearest.DistanceSquared(lat, lon)))
            {
                nearest = box;
            }
        }
        return nearest?.TheaterId ?? Other;
    }
}
