using EscalationForecast.Api.Events;
using EscalationForecast.Api.Events.Ingesting;
using EscalationForecast.Api.Http;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationForecast.Api.Theaters.Describing;

public sealed record TheaterDescription(string? Name, string? Description, IReadOnlyList<string>? Channels);

/// <summary>
/// <c>PUT /api/v1/theaters/{theaterId}</c>: names and describes a theater (creating it when new). The description is
/// appended to the theater's stream with Marten; when the intake wrote to the stream between Marten reading its
/// version and appending, the append is made again after it.
/// </summary>
public static class PutTheater
{
    private const int MaxAttempts = 5;

    public static async Task<Results<Ok<TheaterDescription>, ProblemHttpResult>> Handle(
        string theaterId, TheaterDescription body, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(theaterId, body);
        if (errors.Count > 0)
        {
            return Problems.BadRequest(string.Join(" ", errors));
        }
        var now = clock.GetUtcNow();
        var described = new TheaterDescribed($"{theaterId}/described/{now.UtcTicks}", theaterId, body.Name,
            body.Description, body.Channels ?? [], now);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            session.Events.Append(theaterId, described);
            try
            {
                await session.SaveChangesAsync(ct);
                break;
            }
            catch (EventStreamUnexpectedMaxEventIdException) when (attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), ct);
            }
        }
        return TypedResults.Ok(body with { Channels = described.Channels });
    }

    public static List<string> Validate(string theaterId, TheaterDescription body)
    {
        var errors = new List<string>();
        if (!ItemFields.IdPattern().IsMatch(theaterId))
            errors.Add("The theater id must be 1-64 characters of a-z, 0-9, '-' and '_'.");
        if (body.Name is { Length: 0 or > ItemFields.MaxTextLength })
            errors.Add($"'name' must be 1 to {ItemFields.MaxTextLength} characters.");
        if (body.Description is { Length: > 4000 })
            errors.Add("'description' must be at most 4,000 characters.");
        if (body.Channels?.FirstOrDefault(c => !ItemFields.IdPattern().IsMatch(c)) is { } bad)
            errors.Add($"'channels' has '{bad}': each channel must be 1-64 characters of a-z, 0-9, '-' and '_'.");
        return errors;
    }
}
