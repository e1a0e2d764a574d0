using EscalationForecast.Api.Events;
using EscalationForecast.Api.Events.Ingesting;
using EscalationForecast.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationForecast.Api.Theaters.Describing;

public sealed record TheaterDescription(string? Name, string? Description, IReadOnlyList<string>? Channels);

/// <summary>
/// <c>PUT /api/v1/theaters/{theaterId}</c>: names and describes a theater (creating it when new). The description is
/// a <see cref="TheaterDescribed"/> event in the theater's stream, stored through the intake like every other event;
/// the latest one wins.
/// </summary>
public static class PutTheater
{
    public static async Task<Results<Ok<TheaterDescription>, ProblemHttpResult>> Handle(
        string theaterId, TheaterDescription body, EventIntake intake, TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(theaterId, body);
        if (errors.Count > 0)
        {
            return Problems.BadRequest(string.Join(" ", errors));
        }
        var now = clock.GetUtcNow();
        var described = new TheaterDescribed($"{theaterId}/described/{Guid.CreateVersion7(now):N}", theaterId, body.Name,
            body.Description, body.Channels ?? [], now);
        return await intake.SubmitAsync([described], ct) switch
        {
            AppendOutcome.Stored => TypedResults.Ok(body with { Channels = described.Channels }),
            AppendOutcome.Rejected r => Problems.BadRequest($"'{r.Errors[0].Field}' {r.Errors[0].Reason}."),
            var other => throw new InvalidOperationException($"The description of theater '{theaterId}' was refused by the intake: {other}."),
        };
    }

    /// <summary>The most a description may list; the intake then holds the theater to <c>Ingestion:MaxChannelsPerTheater</c>.</summary>
    public const int MaxChannels = 100;

    public static List<string> Validate(string theaterId, TheaterDescription body)
    {
        var errors = new List<string>();
        if (!Identifiers.IsName(theaterId))
            errors.Add("The theater id must be 1-64 characters of a-z, 0-9, '-' and '_'.");
        if (body.Name is { Length: 0 or > ItemFields.MaxTextLength })
            errors.Add($"'name' must be 1 to {ItemFields.MaxTextLength} characters.");
        if (body.Description is { Length: > 4000 })
            errors.Add("'description' must be at most 4,000 characters.");
        if (body.Channels?.FirstOrDefault(c => c is null || !Identifiers.IsName(c)) is { } bad)
            errors.Add($"'channels' has '{Quoted.Prefix(bad)}': each channel must be 1-64 characters of a-z, 0-9, '-' and '_'.");
        if (body.Channels is { Count: > MaxChannels })
            errors.Add($"'channels' lists {body.Channels.Count:N0} channels; a theater has at most {MaxChannels} (Ingestion:MaxChannelsPerTheater bounds them further).");
        return errors;
    }
}
