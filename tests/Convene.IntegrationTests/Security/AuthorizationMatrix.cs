namespace Convene.IntegrationTests.Security;

/// <summary>
/// The expected status per route, in the order of <see cref="Role"/>:
/// owner, invitee who answered, invitee who did not, other associate, administrator, anonymous, revoked, expired.
/// </summary>
/// <remarks>
/// Read with the scene of <see cref="MatrixScene"/>: a private meeting, so that neither another associate nor an
/// administrator may learn it exists (404, as for a missing meeting, rather than 403). 403 is for what the caller
/// can see but may not do (an invitee editing, an employee administering). The session routes answer 403 to any
/// request without the CSRF header (docs/adr/0009); the anonymous routes (token, rsvp, feed) do not look at the
/// bearer token at all.
/// </remarks>
public static class AuthorizationMatrix
{
    public static readonly Dictionary<string, int[]> Expected = new(StringComparer.Ordinal)
    {
        ["DELETE /api/v1/appointments/{id}"] = [200, 200, 200, 404, 404, 401, 401, 401],
        ["DELETE /api/v1/appointments/{id}/participants/{rowId}"] = [200, 403, 403, 404, 404, 401, 401, 401],
        ["DELETE /api/v1/auth/session"] = [403, 403, 403, 403, 403, 403, 403, 403],
        ["DELETE /api/v1/group-views/{id}"] = [204, 404, 404, 404, 404, 401, 401, 401],
        ["GET /api/v1/appointments/{id}"] = [200, 200, 200, 404, 404, 401, 401, 401],
        ["GET /api/v1/appointments/{id}/email"] = [200, 403, 403, 404, 404, 401, 401, 401],
        ["GET /api/v1/appointments/{id}/history"] = [200, 200, 200, 404, 404, 401, 401, 401],
        ["GET /api/v1/appointments/{id}/ics"] = [200, 200, 200, 404, 404, 401, 401, 401],
        ["GET /api/v1/associates"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/associates/{id}"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/associates/{id}/working-hours"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/auth/me"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/auth/session"] = [200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /api/v1/availability/first"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/contacts"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/contacts/{id}"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/contacts/{id}/activities"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/contacts/{id}/persons"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/diary"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/events"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/freebusy"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/freebusy.ics"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/group-views"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/group-views/{id}"] = [200, 404, 404, 404, 404, 401, 401, 401],
        ["GET /api/v1/group-views/{id}/diary"] = [200, 404, 404, 404, 404, 401, 401, 401],
        ["GET /api/v1/invitations"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/me/calendar-feed"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/notifications"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/notifications/stream"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /api/v1/persons/{id}"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["GET /ical/{token}.ics"] = [404, 404, 404, 404, 404, 404, 404, 404],
        ["GET /rsvp/{token}"] = [404, 404, 404, 404, 404, 404, 404, 404],
        ["PATCH /api/v1/appointments/{id}"] = [200, 403, 403, 404, 404, 401, 401, 401],
        ["PATCH /api/v1/associates/{id}"] = [403, 403, 403, 403, 200, 401, 401, 401],
        ["PATCH /api/v1/contacts/{id}"] = [403, 403, 403, 403, 200, 401, 401, 401],
        ["PATCH /api/v1/persons/{id}"] = [403, 403, 403, 403, 200, 401, 401, 401],
        ["POST /api/v1/appointments"] = [201, 201, 201, 201, 201, 401, 401, 401],
        ["POST /api/v1/appointments/validate"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["POST /api/v1/appointments/{id}/accept"] = [409, 200, 200, 404, 404, 401, 401, 401],
        ["POST /api/v1/appointments/{id}/cancel"] = [200, 403, 403, 404, 404, 401, 401, 401],
        ["POST /api/v1/appointments/{id}/decline"] = [409, 200, 200, 404, 404, 401, 401, 401],
        ["POST /api/v1/appointments/{id}/participants"] = [200, 403, 403, 404, 404, 401, 401, 401],
        ["POST /api/v1/appointments/{id}/seen"] = [409, 200, 200, 404, 404, 401, 401, 401],
        ["POST /api/v1/associates"] = [403, 403, 403, 403, 201, 401, 401, 401],
        ["POST /api/v1/auth/revoke"] = [204, 204, 204, 204, 204, 401, 401, 401],
        ["POST /api/v1/auth/session"] = [403, 403, 403, 403, 403, 403, 403, 403],
        ["POST /api/v1/auth/token"] = [401, 401, 401, 401, 401, 401, 401, 401],
        ["POST /api/v1/availability/search"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["POST /api/v1/contacts"] = [403, 403, 403, 403, 201, 401, 401, 401],
        ["POST /api/v1/group-views"] = [201, 201, 201, 201, 201, 401, 401, 401],
        ["POST /api/v1/itip"] = [400, 400, 400, 400, 400, 401, 401, 401],
        ["POST /api/v1/me/calendar-feed/rotate"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["POST /api/v1/notifications/dismiss-all"] = [200, 200, 200, 200, 200, 401, 401, 401],
        ["POST /api/v1/notifications/{id}/dismiss"] = [404, 404, 204, 404, 404, 401, 401, 401],
        ["POST /api/v1/persons"] = [403, 403, 403, 403, 201, 401, 401, 401],
        ["POST /rsvp/{token}/accept"] = [404, 404, 404, 404, 404, 404, 404, 404],
        ["POST /rsvp/{token}/decline"] = [404, 404, 404, 404, 404, 404, 404, 404],
        ["PUT /api/v1/appointments/{id}/email"] = [200, 403, 403, 404, 404, 401, 401, 401],
        ["PUT /api/v1/associates/{id}/working-hours"] = [200, 403, 403, 403, 200, 401, 401, 401],
        ["PUT /api/v1/group-views/{id}"] = [200, 404, 404, 404, 404, 401, 401, 401],
        ["GET /api/v1/associates/{id}/owned-meetings"] = [403, 403, 403, 403, 200, 401, 401, 401],
        ["POST /api/v1/appointments/{id}/assign"] = [200, 403, 403, 404, 404, 401, 401, 401],
        ["POST /api/v1/appointments/{id}/take-back"] = [409, 403, 403, 404, 404, 401, 401, 401],
        ["POST /api/v1/associates/{id}/reassign-meetings"] = [403, 403, 403, 403, 200, 401, 401, 401],
    };
}
