#!/usr/bin/env python3
"""Generates Sources/MirsadServer/OpenAPI/OpenAPIDocument.generated.swift, the OpenAPI 3.1
document served at /openapi.json. That file is output only: edit this script and run it
(python3 scripts/openapi/generate.py), then commit both. The OpenAPI contract test holds the
router to the document, and the API fuzzer holds the replies to it.

  python3 scripts/openapi/generate.py           write the Swift file
  python3 scripts/openapi/generate.py --check   exit 1 unless the committed file is exactly
                                                what this script generates (CI runs this)

Problem replies shared by many operations are defined once under components/responses (see
`shared` below); enums that mirror a Swift enum (IncidentStatus, UnitStatus, Role) are named
schemas, so a test can compare them with the Swift cases."""
import argparse
import json
import os
import sys

OUTPUT = "Sources/MirsadServer/OpenAPI/OpenAPIDocument.generated.swift"  # relative to the package root
def ref(n): return {"$ref": f"#/components/schemas/{n}"}
def arr(x): return {"type":"array","items":x}
S = lambda t, **k: dict(type=t, **k)
uuid = S("string", format="uuid")
ts = S("string", format="date-time")
problem_resp = lambda d: {"description": d, "content": {"application/problem+json": {"schema": ref("Problem")}}}
json_resp = lambda d, schema: {"description": d, "content": {"application/json": {"schema": schema}}}
# Problem replies used by many operations, each written once under components/responses.
# An operation whose reply means something narrower keeps it inline (login's 403 and 423, the
# 428 of GET /v1/incidents/{id}) or names its own shared one (TooManyAnalyses, RoadNetworkUnavailable).
shared = {
 "BadRequest": problem_resp("Malformed request (e.g. invalid JSON or a malformed path parameter)"),
 "Unauthorized": problem_resp("Missing, invalid or expired bearer token"),
 "Forbidden": problem_resp("The caller's role may not do this"),
 "NotFound": problem_resp("Not found (or not visible to the caller)"),
 "Conflict": problem_resp("Refused by the current state (illegal transition, unit already committed)"),
 "PayloadTooLarge": problem_resp("Body too large"),
 "UnprocessableContent": problem_resp("A field is invalid; `field` names it"),
 "Locked": problem_resp("Account locked"),
 "TooManyRequests": problem_resp("Rate limit exceeded"),
 "ServiceUnavailable": problem_resp("Database unavailable; retry shortly"),
 "TooManyAnalyses": problem_resp("Too many analyses running; retry shortly"),
 "RoadNetworkUnavailable": problem_resp("No road network loaded, or the database is away"),
}
def shared_resp(name):
    assert name in shared, name
    return {"$ref": f"#/components/responses/{name}"}
# The standard reply for each status code, by code.
P = {code: shared_resp(name) for code, name in [
 ("400","BadRequest"),("401","Unauthorized"),("403","Forbidden"),("404","NotFound"),("409","Conflict"),
 ("413","PayloadTooLarge"),("422","UnprocessableContent"),("423","Locked"),("429","TooManyRequests"),
 ("503","ServiceUnavailable")]}
def errs(*codes): return {c: P[c] for c in codes}
idem = {"name":"Idempotency-Key","in":"header","required":False,"schema":S("string",minLength=1,maxLength=200),
        "description":"A retried write with the same key returns the first reply and changes nothing."}
idp = {"name":"id","in":"path","required":True,"schema":uuid}
# Mirrors of Swift enums, as named schemas (same cases, same order): MirsadDomain's
# IncidentStatus, UnitStatus and Role. Change them together with the Swift enum.
status_inc = ref("IncidentStatus")
status_unit = ref("UnitStatus")
role = ref("Role")
localized = S("object", required=["en","ar"], properties={"en":S("string"),"ar":S("string")}, additionalProperties=False)
coord = S("object", required=["lat","lon"], additionalProperties=False,
          properties={"lat":S("number",minimum=-90,maximum=90),"lon":S("number",minimum=-180,maximum=180)})
caller = S("object", additionalProperties=False, properties={"name":S("string"),"phone":S("string"),"language":S("string")})
schemas = {
 "IncidentStatus": S("string", enum=["received","dispatched","enRoute","onScene","cleared","closed","cancelled"]),
 "UnitStatus": S("string", enum=["available","dispatched","enRoute","onScene","returning","outOfService"]),
 "Role": S("string", enum=["callTaker","dispatcher","supervisor","analyst","sectorLiaison","admin","publicInformation","citizen","shelterStaff"]),
 "Problem": S("object", required=["type","title","status"], properties={
   "type":S("string"),"title":S("string"),"status":S("integer"),"detail":S("string"),"field":S("string"),
   "alternative":S("string",description="Somewhere else to turn: for a full shelter, the id of the nearest open shelter with room")}),
 "LocalizedName": localized,
 "Coordinate": coord,
 "Caller": caller,
 "CreateIncident": S("object", required=["type","location"], additionalProperties=False, properties={
   "type":S("string",description="An incident-type code from GET /v1/incident-types"),
   "location":ref("Coordinate"),"address":S("string",maxLength=500),"caller":ref("Caller"),
   "narrative":S("string",maxLength=20000),"priority":S("integer",minimum=1,maximum=4)}),
 "Note": S("object", required=["id","text","author","at"], properties={
   "id":uuid,"text":S("string"),"author":S("string"),"sector":S("string"),"at":ts,
   "redacted":S("boolean",description="The text was withheld (a restricted field): the live feed never carries it; read the incident with X-Purpose")}),
 "AssignmentRecord": S("object", required=["unitId","sector","assignedAt"], properties={
   "unitId":uuid,"sector":S("string"),"assignedAt":ts,"releasedAt":ts}),
 "Share": S("object", required=["sector","reason","by","at"], properties={
   "sector":S("string"),"reason":S("string"),"by":S("string"),"at":ts,"revokedAt":ts}),
 "Incident": S("object", required=["id","number","type","family","priority","status","location","owningSector",
   "createdAt","updatedAt","statusTimes","notes","assignedUnits","assignmentHistory","sharedWith","mergedFrom","version"],
   properties={
   "id":uuid,"number":S("string",pattern="^[0-9]{4}-[0-9]{6}$"),"type":S("string"),"family":S("string"),
   "priority":S("integer",minimum=1,maximum=4),"status":status_inc,"location":ref("Coordinate"),
   "address":S("string"),"caller":ref("Caller"),"narrative":S("string"),"owningSector":S("string"),
   "createdAt":ts,"updatedAt":ts,
   "statusTimes":S("object",additionalProperties=ts,description="When each status was first reached"),
   "notes":arr(ref("Note")),"assignedUnits":arr(uuid),"assignmentHistory":arr(ref("AssignmentRecord")),
   "sharedWith":arr(ref("Share")),"possibleDuplicateOf":uuid,"mergedInto":uuid,"mergedFrom":arr(uuid),
   "version":S("integer")}),
 "IncidentList": S("object", required=["incidents"], properties={"incidents":arr(ref("Incident"))}),
 "Actor": S("object", required=["username","role"], properties={"username":S("string"),"role":role,"sector":S("string")}),
 "Event": S("object", required=["id","type","at","actor","sectors","data"], properties={
   "id":S("integer",description="Position in the event log: dense and in commit order"),
   "type":S("string",examples=["incident.created","unit.statusChanged"]),"at":ts,"actor":ref("Actor"),
   "sectors":arr(S("string")),"incidentId":uuid,"unitId":uuid,"data":S("object")}),
 "Timeline": S("object", required=["incidentId","events"], properties={"incidentId":uuid,"events":arr(ref("Event"))}),
 "Assignments": S("object", required=["incidentId","status","assignedUnits","history"], properties={
   "incidentId":uuid,"status":status_inc,"assignedUnits":arr(uuid),"history":arr(ref("AssignmentRecord"))}),
 "UnitState": S("object", required=["id","callSign","sector","type","capabilities","homeStation","status","statusChangedAt","version"],
   properties={"id":uuid,"callSign":S("string"),"sector":S("string"),"type":S("string"),"capabilities":arr(S("string")),
   "homeStation":S("string"),"status":status_unit,"incidentId":uuid,"statusChangedAt":ts,"version":S("integer")}),
 "Position": S("object", required=["unitId","lat","lon","at"], properties={
   "unitId":uuid,"lat":S("number"),"lon":S("number"),"at":ts,"speed":S("number"),"heading":S("number")}),
 "UnitView": S("object", required=["unit"], properties={"unit":ref("UnitState"),"position":ref("Position")}),
 "UnitList": S("object", required=["units"], properties={"units":arr(ref("UnitView"))}),
 "Track": S("object", required=["unitId","positions"], properties={"unitId":uuid,"positions":arr(ref("Position"))}),
 "PositionBatch": S("object", required=["positions"], additionalProperties=False, properties={"positions":arr(
   S("object", required=["unitId","lat","lon"], additionalProperties=False, properties={
     "unitId":uuid,"lat":S("number",minimum=-90,maximum=90),"lon":S("number",minimum=-180,maximum=180),
     "at":ts,"speed":S("number"),"heading":S("number")}))|{"maxItems":10000}}),
 "IngestResult": S("object", required=["accepted","units","trackPoints"], properties={
   "accepted":S("integer"),"units":S("integer"),"trackPoints":S("integer")}),
 "Sector": S("object", required=["id","name"], properties={"id":S("string"),"name":ref("LocalizedName")}),
 "Station": S("object", required=["id","name","sector","location"], properties={"id":S("string"),"name":ref("LocalizedName"),
   "sector":S("string"),"location":ref("Coordinate"),"governorate":S("string")}),
 "ResponseRequirement": S("object", required=["capability","count"], properties={"capability":S("string"),"count":S("integer")}),
 "IncidentType": S("object", required=["code","name","family","defaultPriority","owningSector","requiredCapabilities","responsePlan","restrictedFields"],
   properties={"code":S("string"),"name":ref("LocalizedName"),"family":S("string"),"defaultPriority":S("integer"),
   "owningSector":S("string"),"requiredCapabilities":arr(S("string")),"responsePlan":arr(ref("ResponseRequirement")),
   "restrictedFields":arr(S("string"))}),
 "MapOverview": S("object", required=["bbox","center","tiles","roadClasses"], properties={
   "bbox":S("object",required=["minLat","minLon","maxLat","maxLon"],properties={k:S("number") for k in ("minLat","minLon","maxLat","maxLon")}),
   "center":ref("Coordinate"),
   "tiles":S("object",required=["url","minZoom","maxZoom"],properties={"url":S("string"),"minZoom":S("integer"),"maxZoom":S("integer"),
     "version":S("string",description="Absent when no road network is loaded")}),
   "roadClasses":arr(S("string"))}),
 "RoadTile": S("object", required=["z","x","y","lines"], properties={"z":S("integer"),"x":S("integer"),"y":S("integer"),
   "lines":arr(arr(S("integer")))}),
 "GeoJSONFeatureCollection": S("object", required=["type","features"], properties={"type":S("string",enum=["FeatureCollection"]),
   "features":arr(S("object",required=["type","properties","geometry"],properties={"type":S("string",enum=["Feature"]),"id":S("string"),
     "properties":S("object"),"geometry":S("object",required=["type","coordinates"],properties={"type":S("string"),"coordinates":arr({})})}))}),
 "Jurisdiction": S("object", required=["name","timeZone","center","governorates","sectors","stations","units","incidentTypes"], properties={
   "name":ref("LocalizedName"),"timeZone":S("string"),"center":ref("Coordinate"),"governorates":arr(S("object")),
   "sectors":arr(ref("Sector")),"stations":arr(ref("Station")),"units":arr(S("object")),"incidentTypes":arr(ref("IncidentType"))}),
 "LoginRequest": S("object", required=["username","password"], additionalProperties=False,
   properties={"username":S("string"),"password":S("string"),"otp":S("string")}),
 "User": S("object", required=["username","role","sector"], properties={"username":S("string"),"role":role,"sector":S("string")}),
 "LoginReply": S("object", required=["token","tokenType","expiresAt","user"], properties={
   "token":S("string"),"tokenType":S("string"),"expiresAt":ts,"user":ref("User")}),
 "Health": S("object", required=["status","database","jurisdictionLoaded"], properties={
   "status":S("string",enum=["ok","degraded","failing"]),"database":S("string",enum=["ok","unavailable","corrupt"]),
   "lastEventId":S("integer"),"jurisdictionLoaded":S("boolean"),
   "detail":S("string",description="What is wrong and what to do (a damaged database names `mirsad store check`)")}),
}
def body(schema_name): return {"required":True,"content":{"application/json":{"schema":ref(schema_name)}}}
def inline_body(schema): return {"required":True,"content":{"application/json":{"schema":schema}}}
reason_q = {"name":"reason","in":"query","required":False,"schema":S("string")}
sec = [{"bearer":[]}]
paths = {
 "/health": {"get":{"summary":"Liveness and database reachability","security":[],"responses":{
   "200":json_resp("Healthy",ref("Health")),"503":json_resp("Database unreachable (clears by itself)",ref("Health")),
   "500":json_resp("Database damaged (needs an operator)",ref("Health"))}}},
 "/metrics": {"get":{"summary":"Prometheus metrics","security":[],"responses":{"200":{"description":"Prometheus text format",
   "content":{"text/plain":{"schema":S("string")}}}}}},
 "/openapi.json": {"get":{"summary":"This document","security":[],"responses":{"200":json_resp("OpenAPI 3.1",S("object"))}}},
 "/v1/auth/login": {"post":{"summary":"Log in with username and password; returns a bearer token","security":[],
   "requestBody":body("LoginRequest"),"responses":{"200":json_resp("Logged in",ref("LoginReply")),
   "423":problem_resp("Account locked after repeated failures"),**errs("400","401","413","422","503")}}},
 "/v1/auth/logout": {"post":{"summary":"End the caller's session (also closes its live connections)","responses":{
   "204":{"description":"Session ended"},**errs("401","503")}}},
 "/v1/auth/me": {"get":{"summary":"The caller","responses":{"200":json_resp("The caller",ref("User")),**errs("401")}}},
 "/v1/incidents": {
   "post":{"summary":"Create an incident (call-taker)","parameters":[idem],"requestBody":body("CreateIncident"),
     "responses":{"201":{"description":"Created; `possibleDuplicateOf` is set when an open incident of the same family is within 300 m and 15 minutes",
       "headers":{"Location":{"schema":S("string")}},"content":{"application/json":{"schema":ref("Incident")}}},
       **errs("400","401","403","409","413","422","503")}},
   "get":{"summary":"List incidents, most recently updated first","parameters":[
     {"name":"scope","in":"query","schema":S("string",enum=["open","all"],default="open")},
     {"name":"updatedSince","in":"query","schema":ts},
     {"name":"limit","in":"query","schema":S("integer",minimum=1,maximum=1000,default=200)}],
     "responses":{"200":json_resp("Incidents",ref("IncidentList")),**errs("401","403","422","503")}}},
 "/v1/incidents/{id}": {
   "get":{"summary":"One incident","parameters":[idp],"responses":{"200":json_resp("The incident",ref("Incident")),**errs("400","401","403","404","503")}},
   "patch":{"summary":"Change type and/or priority, with a reason (priority: supervisor)","parameters":[idp,idem],
     "requestBody":inline_body(S("object",required=["reason"],additionalProperties=False,properties={
       "priority":S("integer",minimum=1,maximum=4),"type":S("string"),"reason":S("string",minLength=1)})),
     "responses":{"200":json_resp("The incident after the change",ref("Incident")),**errs("400","401","403","404","409","413","422","503")}}},
 "/v1/incidents/{id}/status": {"post":{"summary":"Move the incident through its lifecycle","parameters":[idp,idem],
   "requestBody":inline_body(S("object",required=["status"],additionalProperties=False,properties={"status":status_inc,"reason":S("string")})),
   "responses":{"200":json_resp("The incident",ref("Incident")),**errs("400","401","403","404","409","413","422","503")}}},
 "/v1/incidents/{id}/notes": {"post":{"summary":"Add a note","parameters":[idp,idem],
   "requestBody":inline_body(S("object",required=["text"],additionalProperties=False,properties={"text":S("string",minLength=1,maxLength=10000)})),
   "responses":{"201":json_resp("The incident with the note",ref("Incident")),**errs("400","401","403","404","409","413","422","503")}}},
 "/v1/incidents/{id}/merge": {"post":{"summary":"Merge this incident into another (supervisor); both are kept, linked","parameters":[idp,idem],
   "requestBody":inline_body(S("object",required=["into"],additionalProperties=False,properties={"into":uuid,"reason":S("string")})),
   "responses":{"200":json_resp("The merged incident",ref("Incident")),**errs("400","401","403","404","409","413","422","503")}}},
 "/v1/incidents/{id}/timeline": {"get":{"summary":"Every event of the incident in log order","parameters":[idp],
   "responses":{"200":json_resp("Timeline",ref("Timeline")),**errs("400","401","403","404","503")}}},
 "/v1/incidents/{id}/assignments": {
   "get":{"summary":"Units on the incident now and before","parameters":[idp],"responses":{"200":json_resp("Assignments",ref("Assignments")),**errs("400","401","403","404","503")}},
   "post":{"summary":"Assign units (dispatcher); moves incident and units together","parameters":[idp,idem],
     "requestBody":inline_body(S("object",required=["unitIds"],additionalProperties=False,properties={"unitIds":arr(uuid)|{"minItems":1}})),
     "responses":{"201":json_resp("Assignments",ref("Assignments")),**errs("400","401","403","404","409","413","422","503")}}},
 "/v1/incidents/{id}/assignments/{unitId}": {"delete":{"summary":"Release a unit from the incident","parameters":[idp,
   {"name":"unitId","in":"path","required":True,"schema":uuid},reason_q,idem],
   "responses":{"200":json_resp("The incident",ref("Incident")),**errs("400","401","403","404","409","422","503")}}},
 "/v1/incidents/{id}/shares": {"post":{"summary":"Share the incident with another sector (with a reason)","parameters":[idp,idem],
   "requestBody":inline_body(S("object",required=["sector","reason"],additionalProperties=False,properties={"sector":S("string"),"reason":S("string",minLength=1)})),
   "responses":{"201":json_resp("The incident",ref("Incident")),**errs("400","401","403","404","409","413","422","503")}}},
 "/v1/incidents/{id}/shares/{sector}": {"delete":{"summary":"Revoke a share","parameters":[idp,
   {"name":"sector","in":"path","required":True,"schema":S("string")},reason_q,idem],
   "responses":{"200":json_resp("The incident",ref("Incident")),**errs("400","401","403","404","409","422","503")}}},
 "/v1/units": {"get":{"summary":"Every unit with status and latest position","responses":{"200":json_resp("Units",ref("UnitList")),**errs("401","403","503")}}},
 "/v1/units/{id}": {"get":{"summary":"One unit","parameters":[idp],"responses":{"200":json_resp("The unit",ref("UnitView")),**errs("400","401","403","404","503")}}},
 "/v1/units/{id}/status": {"post":{"summary":"Change a unit's status (returning/available ends its work on the incident)","parameters":[idp,idem],
   "requestBody":inline_body(S("object",required=["status"],additionalProperties=False,properties={"status":status_unit,"reason":S("string")})),
   "responses":{"200":json_resp("The unit",ref("UnitState")),**errs("400","401","403","404","409","413","422","503")}}},
 "/v1/units/{id}/track": {"get":{"summary":"The stored (sampled) track of a unit","parameters":[idp,
   {"name":"from","in":"query","schema":ts},{"name":"to","in":"query","schema":ts}],
   "responses":{"200":json_resp("Track",ref("Track")),**errs("400","401","403","422","503")}}},
 "/v1/units/positions": {"post":{"summary":"AVL reports, up to 10,000 per request","requestBody":body("PositionBatch"),
   "description":"Accepted from the unit's own device (a credential from `mirsad units token`, sent as a bearer token: it opens this route only, for its own unit) or from a dispatcher, supervisor or administrator of the unit's sector or of oversight. A position for any other unit is refused with 403 naming it.",
   "security":[{"bearer":[]},{"unitToken":[]}],
   "responses":{"202":json_resp("Stored",ref("IngestResult")),**errs("400","401","403","413","422","503")}}},
 "/v1/sectors": {"get":{"summary":"Sectors of the jurisdiction","responses":{"200":json_resp("Sectors",S("object",required=["sectors"],properties={"sectors":arr(ref("Sector"))})),**errs("401","403","503")}}},
 "/v1/incident-types": {"get":{"summary":"The incident-type catalogue","responses":{"200":json_resp("Types",S("object",required=["incidentTypes"],properties={"incidentTypes":arr(ref("IncidentType"))})),**errs("401","403","503")}}},
 "/v1/stations": {"get":{"summary":"Stations","responses":{"200":json_resp("Stations",S("object",required=["stations"],properties={"stations":arr(ref("Station"))})),**errs("401","403","503")}}},
 "/v1/jurisdiction": {"get":{"summary":"The whole loaded jurisdiction","responses":{"200":json_resp("Jurisdiction",ref("Jurisdiction")),**errs("401","403","503")}}},
 "/v1/live": {"get":{"summary":"Live picture over WebSocket (upgrade). Frames: hello, event, positions, caughtUp, resync, sessionEnded",
   "description":"Authenticate with `Authorization: Bearer` or `?access_token=`. Pass `?since=<last event id>` to receive every missed event in order before live ones. Positions are coalesced to at most one per unit per second. A client too slow to keep up is sent `resync` and closed with code 4001; an ended session closes with 4401.",
   "parameters":[{"name":"since","in":"query","schema":S("integer",minimum=0)},{"name":"access_token","in":"query","schema":S("string")}],
   "responses":{"101":{"description":"Switching to WebSocket"},"400":{"description":"Not a valid WebSocket upgrade, or not authenticated"}}}},
}

schemas.update({
 "UserView": S("object", required=["username","role","sector","disabled","failedLogins","secondFactor","createdAt","passwordChangedAt"],
   properties={"username":S("string"),"role":role,"sector":S("string"),"disabled":S("boolean"),"lockedUntil":ts,
   "failedLogins":S("integer"),"secondFactor":S("boolean"),"createdAt":ts,"passwordChangedAt":ts}),
 "Enrollment": S("object", required=["secret","otpauthURL"], properties={"secret":S("string"),"otpauthURL":S("string")}),
 "SessionView": S("object", required=["id","username","createdAt","lastSeenAt","expiresAt"], properties={
   "id":uuid,"username":S("string"),"createdAt":ts,"lastSeenAt":ts,"expiresAt":ts}),
 "InclusionProof": S("object", required=["eventId","leafIndex","treeSize","rootHash","hashes"], properties={
   "eventId":S("integer"),"leafIndex":S("integer"),"treeSize":S("integer"),"rootHash":S("string",contentEncoding="base64"),
   "hashes":arr(S("string",contentEncoding="base64"))}),
 "ConsistencyProof": S("object", required=["fromSize","toSize","fromRoot","toRoot","hashes"], properties={
   "fromSize":S("integer"),"toSize":S("integer"),"fromRoot":S("string"),"toRoot":S("string"),"hashes":arr(S("string"))}),
 "AuditEntry": S("object", required=["id","leafHash"], properties={"id":S("integer"),"leafHash":S("string"),
   "entry":S("string",description="The stored event JSON, exactly the bytes hashed as the Merkle leaf; absent when it holds restricted fields and no X-Purpose was stated"),
   "redacted":S("boolean",description="The entry holds restricted fields: send X-Purpose (the read is audited) to receive its bytes")}),
})
purpose_h = {"name":"X-Purpose","in":"header","required":False,"schema":S("string",maxLength=500),
   "description":"Why a restricted record is read; required for the owning sector to see restricted fields, and audited."}
paths["/v1/incidents/{id}"]["get"]["parameters"] = [idp, purpose_h]
paths["/v1/incidents/{id}"]["get"]["responses"]["428"] = problem_resp("Reading restricted fields needs an X-Purpose header")
paths["/v1/incidents/{id}/timeline"]["get"]["parameters"] = [idp, purpose_h]
paths["/v1/auth/login"]["post"]["responses"]["429"] = P["429"]
paths["/v1/auth/login"]["post"]["responses"]["403"] = problem_resp("An administrator without a second factor")
username_p = {"name":"username","in":"path","required":True,"schema":S("string")}
text_resp = lambda d: {"description": d, "content": {"text/plain": {"schema": S("string")}}}
paths.update({
 "/v1/auth/unlock": {"post":{"summary":"Unlock a session locked after 30 minutes idle, with the password",
   "requestBody":inline_body(S("object",required=["password"],additionalProperties=False,properties={"password":S("string")})),
   "responses":{"204":{"description":"Unlocked"},**errs("400","401","413","422","503")}}},
 "/v1/auth/password": {"post":{"summary":"Change one's password; every older session ends and a fresh token is returned",
   "requestBody":inline_body(S("object",required=["currentPassword","newPassword"],additionalProperties=False,
     properties={"currentPassword":S("string"),"newPassword":S("string",minLength=12)})),
   "responses":{"200":json_resp("A fresh session",ref("LoginReply")),**errs("400","401","413","422","503")}}},
 "/v1/auth/totp": {"post":{"summary":"Start second-factor (TOTP) enrolment; needs the current password",
   "requestBody":inline_body(S("object",required=["password"],additionalProperties=False,properties={"password":S("string")})),
   "responses":{
   "201":json_resp("The secret to load into an authenticator app",ref("Enrollment")),**errs("400","401","409","413","422","503")}}},
 "/v1/auth/totp/confirm": {"post":{"summary":"Confirm enrolment with a first code",
   "requestBody":inline_body(S("object",required=["code"],additionalProperties=False,properties={"code":S("string")})),
   "responses":{"204":{"description":"Second factor active"},**errs("400","401","409","413","422","503")}}},
 "/v1/admin/users": {
   "get":{"summary":"Accounts (admin)","responses":{"200":json_resp("Accounts",S("object",required=["users"],properties={"users":arr(ref("UserView"))})),**errs("401","403","503")}},
   "post":{"summary":"Create an account (admin); administrators get a second factor at once",
     "requestBody":inline_body(S("object",required=["username","password","role","sector"],additionalProperties=False,properties={
       "username":S("string"),"password":S("string",minLength=12),"role":role,"sector":S("string")})),
     "responses":{"201":json_resp("Created",S("object",required=["user"],properties={"user":ref("UserView"),"secondFactor":ref("Enrollment")})),
       **errs("400","401","403","409","413","422","503")}}},
 "/v1/admin/users/{username}": {"patch":{"summary":"Change role, sector or disable (ends the account's sessions)",
   "parameters":[username_p],
   "requestBody":inline_body(S("object",additionalProperties=False,properties={"role":role,"sector":S("string"),"disabled":S("boolean")})),
   "responses":{"200":json_resp("The account",ref("UserView")),**errs("400","401","403","404","413","422","503")}}},
 "/v1/admin/users/{username}/unlock": {"post":{"summary":"Lift a lockout","parameters":[username_p],
   "responses":{"200":json_resp("The account",ref("UserView")),**errs("401","403","404","503")}}},
 "/v1/admin/users/{username}/password": {"post":{"summary":"Reset a password (ends the account's sessions)","parameters":[username_p],
   "requestBody":inline_body(S("object",required=["password"],additionalProperties=False,properties={"password":S("string",minLength=12)})),
   "responses":{"200":json_resp("The account",ref("UserView")),**errs("400","401","403","404","413","422","503")}}},
 "/v1/admin/users/{username}/totp": {"post":{"summary":"Issue a new second factor (ends the account's sessions)","parameters":[username_p],
   "responses":{"201":json_resp("The new secret",ref("Enrollment")),**errs("401","403","404","503")}}},
 "/v1/admin/sessions": {"get":{"summary":"Open sessions of an account","parameters":[{"name":"username","in":"query","required":True,"schema":S("string")}],
   "responses":{"200":json_resp("Sessions",S("object",required=["sessions"],properties={"sessions":arr(ref("SessionView"))})),**errs("401","403","422","503")}}},
 "/v1/admin/sessions/{id}": {"delete":{"summary":"End a session at once (live connections included)","parameters":[idp],
   "responses":{"204":{"description":"Ended"},**errs("400","401","403","404","503")}}},
 "/v1/audit/checkpoint": {"get":{"summary":"The newest signed checkpoint (C2SP tlog-checkpoint signed note)","security":[],
   "responses":{"200":text_resp("Signed note"),"404":P["404"],"429":P["429"],"503":P["503"]}}},
 "/v1/audit/key": {"get":{"summary":"The Ed25519 public key checkpoints are signed with","security":[],
   "responses":{"200":text_resp("note verifier key"),"404":P["404"],"429":P["429"],"503":P["503"]}}},
 "/v1/audit/proof/inclusion": {"get":{"summary":"Inclusion proof of event `id` in the tree of `size`","security":[],
   "parameters":[{"name":"id","in":"query","required":True,"schema":S("integer",minimum=1)},{"name":"size","in":"query","schema":S("integer",minimum=1)}],
   "responses":{"200":json_resp("Proof",ref("InclusionProof")),"422":P["422"],"429":P["429"],"503":P["503"]}}},
 "/v1/audit/proof/consistency": {"get":{"summary":"Consistency proof between two tree sizes","security":[],
   "parameters":[{"name":"from","in":"query","required":True,"schema":S("integer",minimum=1)},{"name":"to","in":"query","schema":S("integer",minimum=1)}],
   "responses":{"200":json_resp("Proof",ref("ConsistencyProof")),"422":P["422"],"429":P["429"],"503":P["503"]}}},
 "/v1/audit/entries": {"get":{"summary":"Audit entries with their leaf hashes (admin)","parameters":[
   {"name":"after","in":"query","schema":S("integer",minimum=0)},{"name":"limit","in":"query","schema":S("integer",minimum=1,maximum=1000)},
   {"name":"X-Purpose","in":"header","required":False,"schema":S("string",maxLength=500),"description":"Why entries holding restricted fields are read in full (audited)"}],
   "responses":{"200":json_resp("Entries",S("object",required=["entries"],properties={"entries":arr(ref("AuditEntry"))})),**errs("401","403","422","503")}}},
 "/": {"get":{"summary":"The browser console (live picture)","security":[],"responses":{"200":{"description":"HTML","content":{"text/html":{"schema":S("string")}}},"429":P["429"]}}},
 "/console/{file}": {"get":{"summary":"One of the console's files (scripts, style sheets, images), built into the binary","security":[],
   "parameters":[{"name":"file","in":"path","required":True,"schema":S("string")}],
   "responses":{"200":{"description":"The file","content":{"text/javascript":{"schema":S("string")},"text/css":{"schema":S("string")},"text/html":{"schema":S("string")}}},
     "404":P["404"],"429":P["429"]}}},
 "/v1/map": {"get":{"summary":"What the console's map is drawn from: extent, centre, the road tiles' address and version, road class names",
   "responses":{"200":json_resp("Map overview",ref("MapOverview")),**errs("401","403","503")}}},
 "/v1/map/roads/{z}/{x}/{y}": {"get":{"summary":"The roads of one Web-Mercator (slippy-map) tile as compact polylines",
   "description":"Each line is `[classIndex, lonE5, latE5, dLonE5, dLatE5, ...]`: the class (an index into `roadClasses` of `GET /v1/map`), the first point in 1e-5 degrees, then differences. Main roads appear from zoom 8, collectors from 12, every street from 14; deeper tiles hold their parent's roads. A request whose `v` names the current network version may be cached for good (`immutable`); the ETag answers `If-None-Match` with 304. Without a road network every tile is empty.",
   "parameters":[{"name":n,"in":"path","required":True,"schema":S("integer",minimum=0)} for n in ("z","x","y")]
     + [{"name":"v","in":"query","schema":S("string"),"description":"The network version from `GET /v1/map`"}],
   "responses":{"200":json_resp("The tile",ref("RoadTile")),"304":{"description":"Not modified (the ETag matched)"},**errs("401","403","422","503")}}},
 "/v1/geojson/{layer}": {"get":{"summary":"Incidents, units (with a position), shelters, public alerts, cameras or sensors as a GeoJSON FeatureCollection for GIS tools",
   "description":"Each layer holds what the caller's list route shows, with the same permission and need-to-know filtering and without restricted fields; a feature's properties are the object's API fields. Incidents are the open ones (`scope=all` adds the ended ones, newest 1,000); alerts are MultiPolygons of their areas (circles as 32-gons, governorates by their outlines); cameras never carry their stream address.",
   "parameters":[{"name":"layer","in":"path","required":True,"schema":S("string",enum=["incidents","units","shelters","alerts","cameras","sensors"])},
     {"name":"scope","in":"query","schema":S("string",enum=["open","all"])}],
   "responses":{"200":json_resp("GeoJSON FeatureCollection",ref("GeoJSONFeatureCollection")),**errs("401","403","422","503")}}},
 "/v1/map/features": {"get":{"summary":"The jurisdiction's outlines as GeoJSON: water (`kind: sea`), the shore (`coastline`), governorates (`governorate`, with id and name)",
   "responses":{"200":json_resp("GeoJSON FeatureCollection",ref("GeoJSONFeatureCollection")),**errs("401","403","503")}}},
})
for p in ["/health","/metrics","/openapi.json"]:
    paths[p]["get"]["responses"]["429"] = P["429"]

cand = S("object", required=["unitId","callSign","sector","type","status","etaSeconds","meters","fromReportedPosition","why"], properties={
  "unitId":uuid,"callSign":S("string"),"sector":S("string"),"type":S("string"),"status":status_unit,"etaSeconds":S("number"),
  "meters":S("number"),"fromReportedPosition":S("boolean"),"why":S("string")})
schemas.update({
 "CandidateUnit": cand,
 "RequirementRecommendation": S("object", required=["capability","count","alreadyAssigned","recommended","alternatives","shortfall"], properties={
   "capability":S("string"),"count":S("integer"),"alreadyAssigned":arr(uuid),"recommended":arr(ref("CandidateUnit")),
   "alternatives":arr(ref("CandidateUnit")),"shortfall":S("integer")}),
 "Recommendation": S("object", required=["incidentId","incidentType","method","computedAt","requirements"], properties={
   "incidentId":uuid,"incidentType":S("string"),"method":S("string",enum=["road","straight-line"]),"computedAt":ts,
   "requirements":arr(ref("RequirementRecommendation"))}),
 "Coverage": S("object", required=["sector","targetSeconds","coveredMeters","totalMeters","share","availableUnits","committedUnits"], properties={
   "sector":S("string"),"targetSeconds":S("number"),"coveredMeters":S("number"),"totalMeters":S("number"),"share":S("number"),
   "availableUnits":S("integer"),"committedUnits":S("integer")}),
 "MoveUps": S("object", required=["sector","targetSeconds","totalMeters","coveredMetersNow","coveredMetersIfCommittedWereFree","moves"], properties={
   "sector":S("string"),"targetSeconds":S("number"),"totalMeters":S("number"),"coveredMetersNow":S("number"),
   "coveredMetersIfCommittedWereFree":S("number"),"moves":arr(S("object", required=["unitId","callSign","toStation","gainMeters","travelSeconds","coveredMetersAfter"], properties={
     "unitId":uuid,"callSign":S("string"),"toStation":S("string"),"stationName":ref("LocalizedName"),"gainMeters":S("number"),
     "travelSeconds":S("number"),"coveredMetersAfter":S("number")}))}),
 "Closure": S("object", required=["id","polygon","reason"], properties={"id":S("string"),"polygon":arr(ref("Coordinate")),
   "slowdownFactor":S("number"),"reason":S("string"),"affectedEdges":S("integer"),"appliedInMilliseconds":S("number")}),
 "RouteReply": S("object", required=["seconds","meters","geometry"], properties={"seconds":S("number"),"meters":S("number"),"geometry":arr(ref("Coordinate"))}),
 "IsochroneReply": S("object", required=["minutes","reachedMeters","areas"], properties={"minutes":S("number"),"reachedMeters":S("number"),"areas":arr(arr(ref("Coordinate")))}),
})
sector_q = {"name":"sector","in":"query","required":True,"schema":S("string")}
minutes_q = {"name":"minutes","in":"query","schema":S("number",exclusiveMinimum=0,maximum=120)}
nr = shared_resp("RoadNetworkUnavailable")
paths.update({
 "/v1/incidents/{id}/recommendations": {"get":{"summary":"Best available units per response-plan requirement, by road ETA, across sectors, with reasons",
   "parameters":[idp],"responses":{"200":json_resp("Recommendation",ref("Recommendation")),**errs("400","401","403","404","503")}}},
 "/v1/incidents/{id}/recommendations/accept": {"post":{"summary":"Assign all recommended units, or the ones listed","parameters":[idp,idem],
   "requestBody":{"required":False,"content":{"application/json":{"schema":S("object",additionalProperties=False,properties={"unitIds":arr(uuid)})}}},
   "responses":{"201":json_resp("Assignments",ref("Assignments")),**errs("400","401","403","404","409","413","422","503")}}},
 "/v1/coverage": {"get":{"summary":"Share of road length a sector's available units reach within its target time","parameters":[sector_q,minutes_q],
   "responses":{"200":json_resp("Coverage",ref("Coverage")),"503":nr,**errs("401","403","422")}}},
 "/v1/coverage/move-ups": {"get":{"summary":"Which available unit to reposition to which station, with the coverage gained","parameters":[sector_q,minutes_q],
   "responses":{"200":json_resp("Move-ups",ref("MoveUps")),"503":nr,**errs("401","403","422")}}},
 "/v1/roads/closures": {
   "get":{"summary":"Road closures and slowdowns in force","responses":{"200":json_resp("Closures",S("object",required=["closures"],properties={"closures":arr(ref("Closure"))})),**errs("401","403","503")}},
   "post":{"summary":"Close or slow the roads in a polygon (dispatcher, supervisor); effective at once in every ETA",
     "requestBody":inline_body(S("object",required=["polygon","reason"],additionalProperties=False,properties={
       "id":S("string"),"polygon":arr(ref("Coordinate"))|{"minItems":3},"slowdownFactor":S("number",minimum=1,maximum=100),"reason":S("string",minLength=1)})),
     "responses":{"201":json_resp("Applied",ref("Closure")),"503":nr,**errs("400","401","403","409","413","422")}}},
 "/v1/roads/closures/{id}": {"delete":{"summary":"Lift a closure","parameters":[{"name":"id","in":"path","required":True,"schema":S("string")},reason_q],
   "responses":{"204":{"description":"Lifted"},**errs("401","403","404","503")}}},
 "/v1/roads/route": {"get":{"summary":"Fastest route with geometry","parameters":[
   {"name":"from","in":"query","required":True,"schema":S("string"),"description":"lat,lon"},
   {"name":"to","in":"query","required":True,"schema":S("string"),"description":"lat,lon"}],
   "responses":{"200":json_resp("Route",ref("RouteReply")),"503":nr,**errs("401","403","404","422")}}},
 "/v1/roads/isochrone": {"get":{"summary":"Area reachable within N minutes","parameters":[
   {"name":"at","in":"query","required":True,"schema":S("string"),"description":"lat,lon"},
   {"name":"minutes","in":"query","required":True,"schema":S("number",exclusiveMinimum=0,maximum=60)}],
   "responses":{"200":json_resp("Isochrone",ref("IsochroneReply")),"503":nr,**errs("401","403","422")}}},
})

# Analytics: the engine's request types; results as JSON or, with ?format=, CSV/GeoJSON/PNG/SVG.
num_or_text = {"type":["number","string"],"description":"a number, or \"NaN\" where the statistic is undefined"}
point = S("object", required=["x","y"], additionalProperties=False, properties={
  "x":S("number",description="longitude (EPSG:4326) or easting in metres"),"y":S("number",description="latitude or northing"),
  "time":ts,"category":S("string"),"id":S("string")})
schemas.update({
 "AnalysisInput": S("object", additionalProperties=False, properties={
   "points":arr(point)|{"description":"Inline points; absent: the stored incidents the caller may see (category = incident type code)"},
   "crs":S("string",examples=["EPSG:4326","EPSG:32639"]),"project":S("string",examples=["utm:39N"]),
   "bbox":arr(S("number"))|{"minItems":4,"maxItems":4},"category":S("string"),"from":ts,"to":ts,"skipInvalidPoints":S("boolean")}),
 "GridResult": S("object", required=["method","layer","events","outsideBoundingBox","summary"], properties={
   "method":S("string"),"events":S("integer"),"outsideBoundingBox":S("integer"),
   "summary":S("object",additionalProperties=num_or_text),
   "layer":S("object", required=["grid","measure","counts","values"], properties={
     "grid":S("object"),"measure":S("string"),"counts":arr(S("integer")),"values":arr(num_or_text),
     "pValues":arr(num_or_text),"extras":S("object"),"scale":S("string")})}),
 "AnalyticAlertEvidence": S("object", description="The data of an analytics.alert event on the live feed",
   required=["kind","summary","evidence"], properties={"incidentId":uuid,"kind":S("string",enum=["nearRepeat","emergingSeries"]),
   "summary":ref("LocalizedName"),"evidence":S("object")}),
})
format_q = lambda formats: {"name":"format","in":"query","required":False,"schema":S("string",enum=formats)}
media = {"csv":"text/csv","geojson":"application/geo+json","png":"image/png","svg":"image/svg+xml"}
def analysis(summary, props, required, result, formats):
    content = {"application/json":{"schema":result}}
    for f in formats[1:]:
        content[media[f]] = {"schema":S("string")}
    body = S("object", required=["input"]+required, additionalProperties=False, properties={"input":ref("AnalysisInput"), **props})
    return {"post":{"summary":summary,"parameters":[format_q(formats)],"requestBody":inline_body(body),
      "responses":{"200":{"description":"The result","content":content},
        "429":shared_resp("TooManyAnalyses"),**errs("400","401","403","413","422","503")}}}
grid_formats = ["json","csv","geojson","png","svg"]
cell = S("number",exclusiveMinimum=0,description="Cell size in metres (default 250)")
perm = S("integer",minimum=0); seed = S("integer",minimum=0)
paths.update({
 "/v1/analytics/kde": analysis("Kernel density on a grid (analyst, supervisor)",
   {"cell":cell,"bandwidth":S("number",exclusiveMinimum=0),"kernel":S("string",enum=["gaussian","quartic"])},["bandwidth"],ref("GridResult"),grid_formats),
 "/v1/analytics/gistar": analysis("Getis-Ord Gi* hot spots on event counts per cell",
   {"cell":cell,"contiguity":S("string",enum=["queen","rook"]),"permutations":perm,"seed":seed},[],ref("GridResult"),grid_formats),
 "/v1/analytics/moran": analysis("Local Moran's I on event counts per cell",
   {"cell":cell,"contiguity":S("string",enum=["queen","rook"]),"transformation":S("string",enum=["r","b"]),"permutations":perm,"seed":seed},[],
   ref("GridResult"),grid_formats),
 "/v1/analytics/knox": analysis("Knox / near-repeat table (Near Repeat Calculator rules)",
   {"distanceBand":S("number",exclusiveMinimum=0),"distanceBands":S("integer",minimum=1),"timeBand":S("integer",minimum=1),
    "timeBands":S("integer",minimum=1),"metric":S("string",enum=["manhattan","euclidean"]),"permutations":perm,"seed":seed,
    "singlePrecision":S("boolean")},["distanceBand","distanceBands","timeBand","timeBands"],
   S("object",required=["table","events","outsideBoundingBox"],properties={"table":S("object"),"events":S("integer"),"outsideBoundingBox":S("integer")}),
   ["json","csv"]),
 "/v1/analytics/series": analysis("Series detection (ST-DBSCAN) with emerging series flagged",
   {"spatialRadius":S("number",exclusiveMinimum=0),"temporalWindowDays":S("number",exclusiveMinimum=0),"minimumMembers":S("integer",minimum=2),
    "emergingWithinDays":S("number",exclusiveMinimum=0),"reference":ts},[],
   S("object",required=["series","events","outsideBoundingBox"],properties={"series":arr(S("object")),"events":S("integer"),
     "outsideBoundingBox":S("integer"),"eventPositions":arr(S("object")),"crs":S("object")}),["json","csv","geojson"]),
 "/v1/analytics/forecast": analysis("Self-exciting (ETAS-style) risk grid for the next period, optionally with a rolling evaluation",
   {"cell":cell,"horizonDays":S("number",exclusiveMinimum=0,maximum=366),"from":ts,"trigger":S("string",enum=["gaussian","sameCell"]),
    "evaluatePeriods":S("integer",minimum=1)},[],
   S("object",required=["grid","model","from","horizonDays"],properties={"grid":ref("GridResult"),"model":S("object"),"from":ts,
     "horizonDays":S("number"),"evaluation":S("object")}),grid_formats),
})

# Public warnings (CAP 1.2) under the two-person rule, and what the public reads without an account.
cap_words = lambda *words: S("string", enum=list(words))
categories = cap_words("Geo","Met","Safety","Security","Rescue","Fire","Health","Env","Transport","Infra","CBRNE","Other")
response_types = cap_words("Shelter","Evacuate","Prepare","Execute","Avoid","Monitor","Assess","AllClear","None")
alert_area = S("object", additionalProperties=False, description="At least one polygon, circle or governorate",
  properties={"description":ref("LocalizedName"),"polygons":arr(arr(ref("Coordinate"))),
    "circles":arr(S("object",required=["center","radiusKm"],additionalProperties=False,properties={
      "center":ref("Coordinate"),"radiusKm":S("number",exclusiveMinimum=0,maximum=500)})),
    "governorates":arr(S("string",description="A governorate id of GET /v1/jurisdiction"))})
alert_content_props = {
  "event":ref("LocalizedName"),"headline":ref("LocalizedName"),"description":ref("LocalizedName"),
  "instruction":ref("LocalizedName"),"categories":arr(categories)|{"minItems":1},"responseTypes":arr(response_types),
  "urgency":cap_words("Immediate","Expected","Future","Past","Unknown"),
  "severity":cap_words("Extreme","Severe","Moderate","Minor","Unknown"),
  "certainty":cap_words("Observed","Likely","Possible","Unlikely","Unknown"),
  "eventCodes":arr(S("object",required=["valueName","value"],additionalProperties=False,properties={"valueName":S("string"),"value":S("string")})),
  "onset":ts,"expires":ts|{"description":"In the future, at most 31 days ahead"},"areas":arr(ref("AlertArea"))|{"minItems":1},
  "web":S("string"),"contact":S("string")}
alert_required = ["event","headline","description","categories","urgency","severity","certainty","expires","areas"]
schemas.update({
 "AlertArea": alert_area,
 "AlertContent": S("object", required=alert_required, additionalProperties=False, properties=alert_content_props),
 "ExternalWarning": S("object", required=["id","sender","identifier","sent","msgType","source","infos","severity","areas","governorates","replaces","status","receivedAt"], properties={
   "id":S("string",description="sender,identifier"),"sender":S("string"),"identifier":S("string"),"sent":ts,
   "msgType":S("string",enum=["Alert","Update","Cancel"]),"source":S("string"),
   "infos":arr(S("object",required=["language","event","categories","urgency","severity","certainty","eventCodes"],properties={
     "language":S("string"),"event":S("string"),"headline":S("string"),"categories":arr(S("string")),"urgency":S("string"),
     "severity":S("string"),"certainty":S("string"),"eventCodes":arr(S("object"))})),
   "severity":S("string"),"expires":ts,"areas":arr(S("object")),"governorates":arr(S("string")),"replaces":arr(S("string")),
   "status":S("string",enum=["active","superseded","cancelled"]),"receivedAt":ts}),
 "PublicAlert": S("object", required=["id","identifier","kind","references","content","status","state","draftedBy","draftedAt","version"], properties={
   "id":uuid,"identifier":S("string",description="The CAP identifier: <prefix>-<year>-<number>"),
   "kind":S("string",enum=["alert","update","cancel"]),"replaces":uuid,
   "references":arr(S("object",required=["identifier","sent"],properties={"identifier":S("string"),"sent":ts})),
   "content":S("object",required=alert_required,properties=alert_content_props),
   "status":S("string",enum=["draft","published","rejected","superseded","cancelled"]),
   "state":S("string",enum=["draft","published","rejected","superseded","cancelled","expired"],description="The status now: a published alert past its expiry is expired"),
   "note":S("string"),"draftedBy":S("string"),"draftedAt":ts,"approvedBy":S("string"),"sentAt":ts,
   "rejectedBy":S("string"),"rejectionReason":S("string"),"replacedBy":uuid,"version":S("integer"),
   "capUrl":S("string",description="Where the public reads it, once published"),"signatureUrl":S("string")}),
})
alert_reply = lambda code, d: {code: json_resp(d, ref("PublicAlert"))}
cap_xml = lambda d: {"description": d, "content": {"application/cap+xml": {"schema": S("string")}}}
paths.update({
 "/v1/alerts": {
   "get":{"summary":"Public warnings the caller may see (drafts only for their writers, approvers and oversight)",
     "parameters":[{"name":"state","in":"query","required":False,"schema":S("string",enum=["draft","published","rejected","superseded","cancelled","expired"])}],
     "responses":{"200":json_resp("Alerts",S("object",required=["alerts"],properties={"alerts":arr(ref("PublicAlert"))})),**errs("401","403","422","503")}},
   "post":{"summary":"Draft a public warning in Arabic and English (public information); published only once someone else approves it",
     "requestBody":body("AlertContent"),"responses":{**alert_reply("201","Drafted"),**errs("400","401","403","413","422","503")}}},
 "/v1/alerts/{id}": {"get":{"summary":"One public warning","parameters":[idp],
   "responses":{**alert_reply("200","The alert"),**errs("400","401","403","404","503")}}},
 "/v1/alerts/{id}/cap": {"get":{"summary":"The CAP 1.2 message as it is (or, for a draft, will be) published","parameters":[idp],
   "responses":{"200":cap_xml("CAP 1.2"),**errs("400","401","403","404","503")}}},
 "/v1/alerts/{id}/update": {"post":{"summary":"Draft an update of a published alert (it replaces that one once approved)","parameters":[idp],
   "requestBody":body("AlertContent"),"responses":{**alert_reply("201","Drafted"),**errs("400","401","403","404","409","413","422","503")}}},
 "/v1/alerts/{id}/cancel": {"post":{"summary":"Draft the cancellation of a published alert","parameters":[idp],
   "requestBody":inline_body(S("object",required=["note"],additionalProperties=False,properties={"note":S("string",minLength=1,maxLength=1000)})),
   "responses":{**alert_reply("201","Drafted"),**errs("400","401","403","404","409","413","422","503")}}},
 "/v1/alerts/{id}/approve": {"post":{"summary":"Approve and publish a draft (supervisor or public information, not its author)","parameters":[idp],
   "responses":{**alert_reply("200","Published"),**errs("400","401","403","404","409","503")}}},
 "/v1/alerts/{id}/reject": {"post":{"summary":"Reject a draft","parameters":[idp],
   "requestBody":inline_body(S("object",required=["reason"],additionalProperties=False,properties={"reason":S("string",minLength=1,maxLength=1000)})),
   "responses":{**alert_reply("200","Rejected"),**errs("400","401","403","404","409","413","422","503")}}},
 "/v1/warnings": {"get":{"summary":"Other agencies' warnings received from CAP feeds (serve --cap-feed)",
   "parameters":[{"name":"active","in":"query","required":False,"schema":S("string",enum=["true","false"])}],
   "responses":{"200":json_resp("Warnings",S("object",required=["warnings"],properties={"warnings":arr(ref("ExternalWarning"))})),**errs("401","403","422","503")}}},
 "/cap/feed.atom": {"get":{"summary":"Atom feed of the public warnings in force","security":[],
   "responses":{"200":{"description":"Atom 1.0","content":{"application/atom+xml":{"schema":S("string")}}},"429":P["429"],"503":P["503"]}}},
 "/cap/alerts/{file}": {"get":{"summary":"A published warning as CAP 1.2 (`{identifier}.xml`) or its detached Ed25519 signature by the audit key (`{identifier}.xml.sig`, base64)",
   "security":[],"parameters":[{"name":"file","in":"path","required":True,"schema":S("string")}],
   "responses":{"200":{"description":"The message or its signature","content":{"application/cap+xml":{"schema":S("string")},"text/plain":{"schema":S("string")}}},
     "404":P["404"],"429":P["429"],"503":P["503"]}}},
})
# Emergency plans (playbooks) and the operations they start.
loc = ref("LocalizedName")
schemas.update({
 "Playbook": S("object", required=["id","version","scenario","name","triggers","tasks"], properties={
   "id":S("string"),"version":S("integer"),"scenario":S("string",enum=["heavyRain","majorFire","sandstorm","earthquake","maritimeIncident","massGathering","other"]),
   "name":loc,"advice":loc,"triggers":arr(S("object")),
   "tasks":arr(S("object",required=["id","phase","sector","title","deadlineMinutes"],properties={
     "id":S("string"),"phase":S("string"),"sector":S("string"),"title":loc,"deadlineMinutes":S("integer")}))}),
 "Operation": S("object", required=["id","playbookId","playbookVersion","scenario","name","trigger","activatedAt","activatedBy","status","tasks","version","overdueTasks"], properties={
   "id":uuid,"playbookId":S("string"),"playbookVersion":S("integer"),"scenario":S("string"),"name":loc,
   "trigger":S("string",description="What started it: manual, a CAP warning, an incident"),"activatedAt":ts,"activatedBy":S("string"),
   "status":S("string",enum=["active","stoodDown"]),"stoodDownAt":ts,"stoodDownBy":S("string"),"version":S("integer"),
   "tasks":arr(S("object",required=["id","phase","sector","title","due","status"],properties={
     "id":S("string"),"phase":S("string"),"sector":S("string"),"title":loc,"due":ts,
     "status":S("string",enum=["open","acknowledged","done"]),"acknowledgedAt":ts,"acknowledgedBy":S("string"),"doneAt":ts,"doneBy":S("string"),
     "escalatedAt":ts})),
   "overdueTasks":arr(S("string"),)|{"description":"Tasks past their deadline and not done"}}),
})
op_reply = lambda code, d: {code: json_resp(d, ref("Operation"))}
task_p = {"name":"task","in":"path","required":True,"schema":S("string")}
paths.update({
 "/v1/playbooks": {"get":{"summary":"The jurisdiction's emergency plans","responses":{
   "200":json_resp("Playbooks",S("object",required=["playbooks"],properties={"playbooks":arr(ref("Playbook"))})),**errs("401","403","503")}}},
 "/v1/playbooks/{id}/activate": {"post":{"summary":"Activate a plan by hand (supervisor): tasks go to each sector",
   "parameters":[{"name":"id","in":"path","required":True,"schema":S("string")}],
   "responses":{**op_reply("201","Activated"),**errs("401","403","404","409","503")}}},
 "/v1/operations": {"get":{"summary":"Emergency operations the caller's sector has tasks in (all, for oversight)","responses":{
   "200":json_resp("Operations",S("object",required=["operations"],properties={"operations":arr(ref("Operation"))})),**errs("401","403","503")}}},
 "/v1/operations/{id}": {"get":{"summary":"One operation","parameters":[idp],"responses":{**op_reply("200","The operation"),**errs("400","401","403","404","503")}}},
 "/v1/operations/{id}/tasks/{task}/acknowledge": {"post":{"summary":"Acknowledge a task of one's sector","parameters":[idp,task_p],
   "responses":{**op_reply("200","Acknowledged"),**errs("400","401","403","404","409","503")}}},
 "/v1/operations/{id}/tasks/{task}/complete": {"post":{"summary":"Complete a task of one's sector","parameters":[idp,task_p],
   "responses":{**op_reply("200","Done"),**errs("400","401","403","404","409","503")}}},
 "/v1/operations/{id}/report": {"get":{"summary":"After-action report: timeline, task times, units committed, warnings issued (printable HTML)",
   "parameters":[idp,{"name":"lang","in":"query","required":False,"schema":S("string",enum=["en","ar"])}],
   "responses":{"200":{"description":"HTML","content":{"text/html":{"schema":S("string")}}},**errs("400","401","403","404","422","503")}}},
 "/v1/operations/{id}/stand-down": {"post":{"summary":"Stand the operation down (supervisor)","parameters":[idp],
   "responses":{**op_reply("200","Stood down"),**errs("400","401","403","404","409","503")}}},
})
# Temporary shelters and the evacuees in them (Civil Defense).
facilities = S("string",enum=["medical","accessible","familySection","pets"])
needs = S("string",enum=["medical","mobility","medication","infantCare","pregnancy","interpreter"])
slug = S("string",pattern="^[a-z0-9][a-z0-9-]{0,63}$")
shelter_site_props = {
   "id":slug,"name":loc,"location":ref("Coordinate"),"governorate":S("string"),
   "sector":S("string",description="The sector that runs it: its staff register evacuees and read who they are"),
   "capacity":S("object",required=["beds","families"],additionalProperties=False,properties={
     "beds":S("integer",minimum=1,maximum=100000),"families":S("integer",minimum=1,maximum=100000,description="Households it can keep together")}),
   "facilities":arr(facilities),
   "contacts":arr(S("object",required=["name","phone"],additionalProperties=False,properties={
     "name":S("string",minLength=1,maxLength=200),"phone":S("string",pattern="^\\+?[0-9][0-9 -]{2,31}$"),"role":S("string",maxLength=200)}))}
supply = S("object",required=["item","onHand","needed"],additionalProperties=False,properties={
   "item":slug,"onHand":S("integer",minimum=0,maximum=10000000),"needed":S("integer",minimum=0,maximum=10000000)})
schemas.update({
 "ShelterSite": S("object", required=["id","name","location","sector","capacity"], additionalProperties=False, properties=shelter_site_props),
 "Shelter": S("object", required=["site","status","persons","families","supplies","version","freeBeds","freeFamilies","full"], properties={
   "site":ref("ShelterSite"),"status":S("string",enum=["open","closed"]),
   "persons":S("integer",description="People checked in now"),"families":S("integer",description="Households with someone checked in now"),
   "supplies":arr(supply),"openedAt":ts,"openedBy":S("string"),"openedFor":uuid|{"description":"The operation whose plan opened it"},
   "closedAt":ts,"closedBy":S("string"),"suppliesUpdatedAt":ts,"version":S("integer"),
   "freeBeds":S("integer"),"freeFamilies":S("integer"),"full":S("boolean")}),
 "EvacueeRegistration": S("object", required=["ageBand"], additionalProperties=False, properties={
   "household":S("string",pattern="^[A-Za-z0-9-]{1,32}$",description="Joins a household already at the shelter; absent for a new one"),
   "ageBand":S("string",enum=["0-4","5-17","18-59","60+"]),"needs":arr(needs),
   "personal":S("object",required=["fullName"],additionalProperties=False,description="Who they are: restricted to the shelter's sector, read with X-Purpose (audited), never on the live feed",properties={
     "fullName":S("string",minLength=1,maxLength=200),"nationalId":S("string",pattern="^[A-Za-z0-9-]{1,32}$"),
     "phone":S("string",pattern="^\\+?[0-9][0-9 -]{2,31}$")})}),
 "Evacuee": S("object", required=["id","shelterId","sector","household","ageBand","needs","status","stays","registeredAt","registeredBy","version","personalWithheld"], properties={
   "id":uuid,"shelterId":S("string"),"sector":S("string"),"household":S("string"),
   "ageBand":S("string",enum=["0-4","5-17","18-59","60+"]),"needs":arr(needs),"status":S("string",enum=["present","left"]),
   "stays":arr(S("object",required=["shelterId","from"],properties={"shelterId":S("string"),"from":ts,"to":ts})),
   "registeredAt":ts,"registeredBy":S("string"),"leftAt":ts,"leftBy":S("string"),"leftReason":S("string"),
   "personal":S("object",properties={"fullName":S("string"),"nationalId":S("string"),"phone":S("string")}),
   "version":S("integer"),"personalWithheld":S("boolean",description="There is personal data this reply leaves out")}),
 "ShelterChoice": S("object", required=["shelter","etaSeconds","meters"], properties={
   "shelter":ref("Shelter"),"etaSeconds":S("number"),"meters":S("number")}),
})
shelter_p = {"name":"id","in":"path","required":True,"schema":S("string")}
shelter_reply = lambda code, d: {code: json_resp(d, ref("Shelter"))}
evacuee_reply = lambda code, d: {code: json_resp(d, ref("Evacuee"))}
full_409 = problem_resp("The shelter is closed or full: `alternative` names the nearest open shelter with room")
paths.update({
 "/v1/shelters": {
   "get":{"summary":"Every shelter with its status, occupancy and supplies","responses":{
     "200":json_resp("Shelters",S("object",required=["shelters"],properties={"shelters":arr(ref("Shelter"))})),**errs("401","403","503")}},
   "post":{"summary":"Register a new shelter site (its sector's supervisors and shelter staff, or oversight)","requestBody":body("ShelterSite"),
     "responses":{**shelter_reply("201","Registered, closed"),**errs("400","401","403","409","413","422","503")}}},
 "/v1/shelters/nearest": {
   "get":{"summary":"The nearest open shelters with room for a group, by road travel time",
     "parameters":[{"name":"at","in":"query","required":True,"schema":S("string"),"description":"lat,lon"},
       {"name":"persons","in":"query","required":False,"schema":S("integer",minimum=1,maximum=10000)},
       {"name":"count","in":"query","required":False,"schema":S("integer",minimum=1,maximum=50)},
       {"name":"needs","in":"query","required":False,"schema":S("string"),"description":"Comma-separated needs the shelter must serve (medical, mobility, ...)"}],
     "responses":{"200":json_resp("Nearest",S("object",required=["method","shelters"],properties={
       "method":S("string",enum=["road","straight-line"]),"shelters":arr(ref("ShelterChoice"))})),**errs("401","403","422","503")}},
   "post":{"summary":"For each of many origins, the nearest open shelter with room",
     "requestBody":inline_body(S("object",required=["origins"],additionalProperties=False,properties={
       "origins":arr(ref("Coordinate"))|{"minItems":1,"maxItems":10000},"persons":S("integer",minimum=1,maximum=10000),"needs":arr(needs)})),
     "responses":{"200":json_resp("Nearest for each origin",S("object",required=["method","nearest"],properties={
       "method":S("string",enum=["road","straight-line"]),
       "nearest":arr({"oneOf":[S("null"),S("object",required=["shelterId","etaSeconds","meters"],properties={
         "shelterId":S("string"),"etaSeconds":S("number"),"meters":S("number")})]})})),**errs("400","401","403","413","422","503")}}},
 "/v1/public/shelters/nearest": {"get":{"summary":"For citizens, without an account: the nearest open shelters with room for a group, by road (no occupancy, supplies or contacts)",
   "security":[],
   "parameters":[{"name":"at","in":"query","required":True,"schema":S("string"),"description":"lat,lon"},
     {"name":"persons","in":"query","required":False,"schema":S("integer",minimum=1,maximum=10000)},
     {"name":"count","in":"query","required":False,"schema":S("integer",minimum=1,maximum=50)},
     {"name":"needs","in":"query","required":False,"schema":S("string"),"description":"Comma-separated needs the shelter must serve"}],
   "responses":{"200":json_resp("Nearest",S("object",required=["method","shelters"],properties={
     "method":S("string",enum=["road","straight-line"]),
     "shelters":arr(S("object",required=["id","name","location","facilities","etaSeconds","meters"],additionalProperties=False,properties={
       "id":S("string"),"name":loc,"location":ref("Coordinate"),"governorate":S("string"),"facilities":arr(facilities),
       "etaSeconds":S("number"),"meters":S("number")}))})),"422":P["422"],"429":P["429"],"503":P["503"]}}},
 "/v1/shelters/{id}": {"get":{"summary":"One shelter","parameters":[shelter_p],
   "responses":{**shelter_reply("200","The shelter"),**errs("401","403","404","503")}}},
 "/v1/shelters/{id}/open": {"post":{"summary":"Open the shelter","parameters":[shelter_p],
   "responses":{**shelter_reply("200","Opened"),**errs("401","403","404","409","503")}}},
 "/v1/shelters/{id}/close": {"post":{"summary":"Close the shelter (once nobody is checked in)","parameters":[shelter_p],
   "responses":{**shelter_reply("200","Closed"),**errs("401","403","404","409","503")}}},
 "/v1/shelters/{id}/supplies": {"put":{"summary":"Replace the shelter's supplies and needs","parameters":[shelter_p],
   "requestBody":inline_body(S("object",required=["supplies"],additionalProperties=False,properties={"supplies":arr(supply)|{"maxItems":100}})),
   "responses":{**shelter_reply("200","Updated"),**errs("400","401","403","404","413","422","503")}}},
 "/v1/shelters/{id}/evacuees": {
   "post":{"summary":"Check someone in (the shelter's sector or oversight)","parameters":[shelter_p],"requestBody":body("EvacueeRegistration"),
     "responses":{**evacuee_reply("201","Checked in"),**errs("400","401","403","404","413","422","503"),"409":full_409}},
   "get":{"summary":"Who is or was at the shelter (its sector and oversight); personal data with X-Purpose, for its sector's staff",
     "parameters":[shelter_p,purpose_h,{"name":"present","in":"query","required":False,"schema":S("string",enum=["true","false"])}],
     "responses":{"200":json_resp("Evacuees",S("object",required=["evacuees"],properties={"evacuees":arr(ref("Evacuee"))})),**errs("401","403","404","422","503")}}},
 "/v1/evacuees/{id}": {"get":{"summary":"One evacuee (the shelter's sector and oversight)","parameters":[idp,purpose_h],
   "responses":{**evacuee_reply("200","The evacuee"),**errs("400","401","403","404","503"),
     "428":problem_resp("The record holds personal data: its sector's staff send X-Purpose (audited)")}}},
 "/v1/evacuees/{id}/check-out": {"post":{"summary":"Check the evacuee out","parameters":[idp],
   "requestBody":{"required":False,"content":{"application/json":{"schema":S("object",additionalProperties=False,properties={"reason":S("string",minLength=1,maxLength=500)})}}},
   "responses":{**evacuee_reply("200","Checked out"),**errs("400","401","403","404","409","413","422","503")}}},
 "/v1/evacuees/{id}/transfer": {"post":{"summary":"Move the evacuee to another open shelter with room","parameters":[idp],
   "requestBody":inline_body(S("object",required=["shelterId"],additionalProperties=False,properties={"shelterId":S("string")})),
   "responses":{**evacuee_reply("200","Moved"),**errs("400","401","403","404","413","422","503"),"409":full_409}}},
 "/v1/pfif": {"get":{"summary":"The caller's sector's evacuees as PFIF 1.4 for family reunification (X-Purpose required, audited)",
   "parameters":[purpose_h],
   "responses":{"200":{"description":"PFIF 1.4","content":{"application/xml":{"schema":S("string")}}},**errs("401","403","503"),
     "428":problem_resp("Exporting personal data needs an X-Purpose header")}}},
})
# Drones: the fleet, telemetry, missions planned around no-fly zones, findings; the airspace.
flight_path = S("object",required=["waypoints","distanceMeters","avoidedZones"],properties={
   "waypoints":arr(ref("Coordinate")),"distanceMeters":S("number"),"avoidedZones":arr(S("string"))})
schemas.update({
 "DroneProfile": S("object",required=["model","enduranceMinutes","cruiseSpeed","rangeKm","sensors","reservePercent","cruiseAltitude"],properties={
   "model":S("string"),"enduranceMinutes":S("number"),"cruiseSpeed":S("number",description="Metres per second"),
   "rangeKm":S("number"),"sensors":arr(S("string")),"mavlinkSystemId":S("integer",minimum=1,maximum=255),
   "reservePercent":S("number"),"cruiseAltitude":S("number",description="Metres above ground")}),
 "DroneTelemetry": S("object",required=["unitId","at","lat","lon","source"],properties={
   "unitId":uuid,"at":ts,"lat":S("number"),"lon":S("number"),"altitude":S("number"),"relativeAltitude":S("number"),
   "groundSpeed":S("number"),"heading":S("number"),"batteryPercent":S("number"),"voltage":S("number"),
   "armed":S("boolean"),"state":S("string"),"source":S("string",enum=["api","mavlink"])}),
 "Drone": S("object",required=["id","callSign","sector","homeStation","status","profile"],properties={
   "id":uuid,"callSign":S("string"),"sector":S("string"),"homeStation":S("string"),"status":status_unit,"incidentId":uuid,
   "profile":ref("DroneProfile"),"telemetry":ref("DroneTelemetry"),"telemetryAgeSeconds":S("number"),"missionId":uuid}),
 "MissionPlan": S("object",required=["droneId","callSign","start","target","base","altitude","loiterMinutes","usableMinutes","batteryPercent","batteryKnown","reservePercent","rangeKm"],properties={
   "droneId":uuid,"callSign":S("string"),"start":ref("Coordinate"),"target":ref("Coordinate"),"base":ref("Coordinate"),
   "altitude":S("number"),"outbound":flight_path,"inbound":flight_path,"loiterMinutes":S("number"),"outboundMinutes":S("number"),
   "flightMinutes":S("number"),"usableMinutes":S("number"),"batteryPercent":S("number"),"batteryKnown":S("boolean"),
   "reservePercent":S("number"),"distanceKm":S("number"),"rangeKm":S("number"),
   "refusal":S("object",required=["kind","reason"],properties={"kind":S("string",enum=["zone","enclosed","endurance","range"]),
     "zone":S("string"),"reason":S("string")})}),
 "DroneMission": S("object",required=["id","droneId","callSign","sector","incidentId","status","plan","authorisedZones","requestedBy","startedAt","findings","version"],properties={
   "id":uuid,"droneId":uuid,"callSign":S("string"),"sector":S("string"),"incidentId":uuid,
   "status":S("string",enum=["active","completed","aborted"]),"plan":ref("MissionPlan"),"authorisedZones":arr(S("string")),
   "requestedBy":S("string"),"startedAt":ts,"endedAt":ts,"endReason":S("string"),"linkLostAt":ts,
   "findings":S("integer"),"version":S("integer")}),
 "DroneFinding": S("object",required=["id","missionId","incidentId","note","by","at"],properties={
   "id":uuid,"missionId":uuid,"incidentId":uuid,"note":S("string"),"location":ref("Coordinate"),
   "snapshot":S("object",required=["contentType","bytes","sha256"],properties={"contentType":S("string"),"bytes":S("integer"),"sha256":S("string")}),
   "by":S("string"),"at":ts}),
 "UASZone": S("object",required=["id","name","restriction","reasons","outline","lowerMeters","lowerReference","upperReference","format"],properties={
   "id":S("string"),"name":loc,"restriction":S("string",enum=["prohibited","reqAuthorisation","conditional","noRestriction"]),
   "reasons":arr(S("string")),"message":S("string"),"outline":arr(ref("Coordinate")),"lowerMeters":S("number"),
   "upperMeters":S("number"),"lowerReference":S("string"),"upperReference":S("string"),"format":S("string",enum=["ed269","ed318"])}),
})
mission_reply = lambda code, d: {code: json_resp(d, ref("DroneMission"))}
infeasible_422 = problem_resp("Refused: a field is invalid, or the mission cannot be flown (`detail` names the zone or the shortfall; `alternative` a drone that can)")
finding_p = {"name":"finding","in":"path","required":True,"schema":uuid}
telemetry_report = S("object",required=["droneId","lat","lon"],additionalProperties=False,properties={
   "droneId":uuid,"lat":S("number",minimum=-90,maximum=90),"lon":S("number",minimum=-180,maximum=180),"at":ts,
   "altitude":S("number"),"relativeAltitude":S("number"),"groundSpeed":S("number",minimum=0),"heading":S("number",minimum=0,exclusiveMaximum=360),
   "batteryPercent":S("number",minimum=0,maximum=100),"voltage":S("number",minimum=0),"armed":S("boolean"),"state":S("string",maxLength=40)})
paths.update({
 "/v1/drones": {"get":{"summary":"The drone fleet: status, airframe, latest telemetry and mission",
   "responses":{"200":json_resp("Drones",S("object",required=["drones"],properties={"drones":arr(ref("Drone"))})),**errs("401","403","503")}}},
 "/v1/drones/{id}": {"get":{"summary":"One drone","parameters":[idp],
   "responses":{"200":json_resp("The drone",ref("Drone")),**errs("400","401","403","404","503")}}},
 "/v1/drones/telemetry": {"post":{"summary":"Drone telemetry (from the drone's device credential, or its sector); MAVLink over UDP is the other way in",
   "security":[{"bearer":[]},{"unitToken":[]}],
   "requestBody":inline_body(S("object",required=["reports"],additionalProperties=False,properties={"reports":arr(telemetry_report)|{"maxItems":10000}})),
   "responses":{"202":json_resp("Stored",S("object",required=["accepted","units","trackPoints"],properties={
     "accepted":S("integer"),"units":S("integer"),"trackPoints":S("integer")})),**errs("400","401","403","413","422","503")}}},
 "/v1/drones/missions/plan": {"post":{"summary":"How a drone (or each free drone the caller may fly) would reach an incident: path around no-fly zones, flight time against battery; starts nothing",
   "requestBody":inline_body(S("object",required=["incidentId"],additionalProperties=False,properties={
     "incidentId":uuid,"droneId":uuid,"loiterMinutes":S("number",minimum=0,maximum=240),"authorisedZones":arr(S("string"))})),
   "responses":{"200":json_resp("Plans, feasible and quickest first",S("object",required=["plans"],properties={"plans":arr(ref("MissionPlan"))})),
     **errs("400","401","403","404","413","422","503")}}},
 "/v1/drones/missions": {
   "post":{"summary":"Send a drone to an incident (planned and checked first; the drone is assigned to the incident)",
     "requestBody":inline_body(S("object",required=["incidentId","droneId"],additionalProperties=False,properties={
       "incidentId":uuid,"droneId":uuid,"loiterMinutes":S("number",minimum=0,maximum=240),
       "authorisedZones":arr(S("string"))|{"description":"Zones requiring authorisation that the operator holds it for"}})),
     "responses":{**mission_reply("201","Started"),**errs("400","401","403","404","409","413","503"),"422":infeasible_422}},
   "get":{"summary":"Missions the caller may see, newest first",
     "parameters":[{"name":"incidentId","in":"query","required":False,"schema":uuid},
       {"name":"active","in":"query","required":False,"schema":S("string",enum=["true","false"])}],
     "responses":{"200":json_resp("Missions",S("object",required=["missions"],properties={"missions":arr(ref("DroneMission"))})),**errs("401","403","422","503")}}},
 "/v1/drones/missions/{id}": {"get":{"summary":"One mission","parameters":[idp],
   "responses":{**mission_reply("200","The mission"),**errs("400","401","403","404","503")}}},
 "/v1/drones/missions/{id}/complete": {"post":{"summary":"End the mission; the drone returns","parameters":[idp],
   "responses":{**mission_reply("200","Completed"),**errs("400","401","403","404","409","503")}}},
 "/v1/drones/missions/{id}/abort": {"post":{"summary":"Abort the mission, saying why; the drone returns","parameters":[idp],
   "requestBody":inline_body(S("object",required=["reason"],additionalProperties=False,properties={"reason":S("string",minLength=1,maxLength=500)})),
   "responses":{**mission_reply("200","Aborted"),**errs("400","401","403","404","409","413","422","503")}}},
 "/v1/drones/missions/{id}/findings": {
   "post":{"summary":"Record a finding (a note, optionally a JPEG/PNG/WebP snapshot up to 2 MiB); it joins the incident's timeline","parameters":[idp],
     "requestBody":inline_body(S("object",required=["note"],additionalProperties=False,properties={
       "note":S("string",minLength=1,maxLength=4000),"location":ref("Coordinate"),
       "snapshot":S("object",required=["contentType","data"],additionalProperties=False,properties={
         "contentType":S("string",enum=["image/jpeg","image/png","image/webp"]),"data":S("string",contentEncoding="base64")})})),
     "responses":{"201":json_resp("Recorded",ref("DroneFinding")),**errs("400","401","403","404","413","422","503")}},
   "get":{"summary":"The mission's findings, oldest first","parameters":[idp],
     "responses":{"200":json_resp("Findings",S("object",required=["findings"],properties={"findings":arr(ref("DroneFinding"))})),**errs("400","401","403","404","503")}}},
 "/v1/drones/missions/{id}/findings/{finding}/snapshot": {"get":{"summary":"A finding's snapshot (it may show people: X-Purpose required, each read audited)","parameters":[idp,finding_p,purpose_h],
   "responses":{"200":{"description":"The picture","content":{"image/jpeg":{"schema":S("string",format="binary")},
     "image/png":{"schema":S("string",format="binary")},"image/webp":{"schema":S("string",format="binary")}}},**errs("400","401","403","404","503"),
     "428":problem_resp("Reading a snapshot needs an X-Purpose header (audited)")}}},
 "/v1/airspace/zones": {
   "get":{"summary":"The no-fly zones missions keep out of",
     "responses":{"200":json_resp("Zones",S("object",required=["zones"],properties={"zones":arr(ref("UASZone"))})),**errs("401","403","503")}},
   "put":{"summary":"Import UAS geographical zones from an EUROCAE ED-269 (UASZoneList) or ED-318 (GeoJSON) file; zones of the same id are replaced (supervisor, admin)",
     "parameters":[{"name":"source","in":"query","required":False,"schema":S("string",maxLength=200)}],
     "requestBody":inline_body(S("object",description="An ED-269 document (UASZoneList) or an ED-318 GeoJSON FeatureCollection, as published; other members of either format are kept out of the import",properties={
       "UASZoneList":arr(S("object"))|{"description":"ED-269: the zones"},"type":S("string",enum=["FeatureCollection"]),
       "features":arr(S("object"))|{"description":"ED-318: the zones"}})),
     "responses":{"200":json_resp("Imported",S("object",required=["imported","eventId"],properties={"imported":arr(S("string")),"eventId":S("integer")})),
       **errs("400","401","403","413","422","503")}}},
 "/v1/airspace/zones/{id}": {"delete":{"summary":"Withdraw a zone (supervisor, admin)",
   "parameters":[{"name":"id","in":"path","required":True,"schema":S("string")}],
   "responses":{"204":{"description":"Withdrawn"},**errs("401","403","404","503")}}},
})
# Surveillance: the camera network (stream addresses restricted) and sensors whose readings raise alarms.
sensor_kind = S("string",enum=["floodGauge","fireAlarm","gasDetector","windGauge","other"])
schemas.update({
 "Camera": S("object",required=["id","name","location","sector","heading","fieldOfView","range","canWatch"],properties={
   "id":S("string"),"name":loc,"location":ref("Coordinate"),"sector":S("string"),
   "heading":S("number",minimum=0,exclusiveMaximum=360,description="Degrees clockwise from north"),
   "fieldOfView":S("number",exclusiveMinimum=0,maximum=360,description="Degrees"),"range":S("number",description="Metres"),
   "canWatch":S("boolean",description="Whether the caller's sector may open the live picture")}),
 "Sensor": S("object",required=["id","name","kind","location","sector","unit","alarmAbove","clearBelow"],properties={
   "id":S("string"),"name":loc,"kind":sensor_kind,"location":ref("Coordinate"),"governorate":S("string"),"sector":S("string"),
   "unit":S("string"),"alarmAbove":S("number"),"clearBelow":S("number")}),
 "SensorState": S("object",required=["sensorId","value","at","alarm"],properties={
   "sensorId":S("string"),"value":S("number"),"at":ts,"alarm":S("boolean"),"alarmSince":ts,"peak":S("number")}),
 "SensorView": S("object",required=["sensor"],properties={"sensor":ref("Sensor"),"state":ref("SensorState"),"readingAgeSeconds":S("number")}),
 "SensorChanged": S("object",required=["change","sensorId","kind","name","location","sector","value","threshold","unit","measuredAt"],properties={
   "change":S("string",enum=["alarm","normal"]),"sensorId":S("string"),"kind":sensor_kind,"name":loc,"location":ref("Coordinate"),
   "governorate":S("string"),"sector":S("string"),"value":S("number"),"threshold":S("number"),"unit":S("string"),"measuredAt":ts}),
})
camera_p = {"name":"id","in":"path","required":True,"schema":S("string")}
paths.update({
 "/v1/cameras": {"get":{"summary":"The camera network: where each camera is and where it looks (never its stream address)",
   "responses":{"200":json_resp("Cameras",S("object",required=["cameras"],properties={"cameras":arr(ref("Camera"))})),**errs("401","403","503")}}},
 "/v1/cameras/{id}": {"get":{"summary":"One camera","parameters":[camera_p],
   "responses":{"200":json_resp("The camera",ref("Camera")),**errs("401","403","404","503")}}},
 "/v1/cameras/{id}/stream": {"get":{"summary":"The live picture's address, for the camera's sector and oversight (X-Purpose required, each read audited); another sector's camera answers 404",
   "parameters":[camera_p,purpose_h],
   "responses":{"200":json_resp("The stream",S("object",required=["cameraId","streamURL"],properties={"cameraId":S("string"),"streamURL":S("string")})),
     **errs("401","403","404","422","503"),"428":problem_resp("Reading a stream address needs an X-Purpose header (audited)")}}},
 "/v1/incidents/{id}/cameras": {"get":{"summary":"The cameras whose picture covers the incident's location, nearest first","parameters":[idp],
   "responses":{"200":json_resp("Cameras that see it",S("object",required=["incidentId","cameras"],properties={"incidentId":uuid,
     "cameras":arr(S("object",required=["camera","meters","bearing","offAxis"],properties={"camera":ref("Camera"),"meters":S("number"),
       "bearing":S("number",description="From the camera, degrees clockwise from north"),"offAxis":S("number",description="Degrees off the middle of the picture")}))})),
     **errs("400","401","403","404","503")}}},
 "/v1/sensors": {"get":{"summary":"Every sensor with its latest reading and whether it is in alarm",
   "responses":{"200":json_resp("Sensors",S("object",required=["sensors"],properties={"sensors":arr(ref("SensorView"))})),**errs("401","403","503")}}},
 "/v1/sensors/{id}": {"get":{"summary":"One sensor with its latest reading","parameters":[camera_p],
   "responses":{"200":json_resp("The sensor",ref("SensorView")),**errs("401","403","404","503")}}},
 "/v1/sensors/readings": {"post":{"summary":"Sensor readings (the sensor's own sector, or oversight); a reading above the threshold raises sensors.alarm once, one below the clearing level sensors.normal",
   "requestBody":inline_body(S("object",required=["readings"],additionalProperties=False,properties={"readings":arr(S("object",required=["sensorId","value"],additionalProperties=False,properties={
     "sensorId":S("string"),"value":S("number",minimum=-1e9,maximum=1e9),"at":ts}))|{"minItems":1,"maxItems":1000}})),
   "responses":{"202":json_resp("Stored",S("object",required=["accepted","late","changes"],properties={
     "accepted":S("integer"),"late":S("integer",description="Older than the stored reading, kept out"),"changes":arr(ref("SensorChanged"))})),
     **errs("400","401","403","413","422","503")}}},
})
# Wrong passwords from a signed-in session count toward the lockout; every session has a request budget.
for route in ["/v1/auth/unlock", "/v1/auth/password", "/v1/auth/totp"]:
    paths[route]["post"]["responses"]["423"] = P["423"]
for route, operations in paths.items():
    for method, operation in operations.items():
        if isinstance(operation, dict) and operation.get("security") != [] and route.startswith("/v1/"):
            operation["responses"].setdefault("429", P["429"])

doc = {"openapi":"3.1.0","info":{"title":"Mirsad API","version":"1.0.0",
  "description":"Joint operations platform: incidents, units, live picture. All timestamps are UTC ISO-8601 with milliseconds. Errors are RFC 9457 problems."},
  "servers":[{"url":"/"}],"security":sec,
  "components":{"securitySchemes":{"bearer":{"type":"http","scheme":"bearer","bearerFormat":"JWT"},
    "unitToken":{"type":"http","scheme":"bearer","description":"A unit's device credential (mdt_…), for POST /v1/units/positions and POST /v1/drones/telemetry only"}},"schemas":schemas,
    "responses":shared},
  "paths":paths}

def refs(node, where="#"):
    """(where, target) of every `$ref` in node."""
    if isinstance(node, dict):
        found = [(where, node["$ref"])] if isinstance(node.get("$ref"), str) else []
        return found + [r for key, value in node.items() for r in refs(value, f"{where}/{key}")]
    if isinstance(node, list):
        return [r for i, value in enumerate(node) for r in refs(value, f"{where}/{i}")]
    return []

def resolves(target):
    node = doc
    for part in target[2:].split("/"):
        node = node.get(part) if isinstance(node, dict) else None
    return target.startswith("#/") and node is not None

def swift_source():
    """The Swift file and the JSON in it. Deterministic: the dicts above are built in a fixed
    order and dumped in that order."""
    all_refs = refs(doc)
    missing = [f"{where}: {target}" for where, target in all_refs if not resolves(target)]
    if missing: sys.exit("generate.py: $ref to nothing:\n  " + "\n  ".join(missing))
    unused = sorted(set(shared) - {target.rsplit("/", 1)[1] for _, target in all_refs if target.startswith("#/components/responses/")})
    if unused: sys.exit(f"generate.py: shared responses that no operation uses: {', '.join(unused)}")
    out = json.dumps(doc, indent=1, sort_keys=False, ensure_ascii=False)
    assert '"#' not in out.replace('"#/', ''), 'the JSON would end the Swift raw string literal #"""…"""#'
    swift = '''// GENERATED by scripts/openapi/generate.py — do not edit; edit the generator and run it.
// `python3 scripts/openapi/generate.py --check` tells whether this file is up to date.

/// The OpenAPI 3.1 description of the API, served at `/openapi.json`. It is the contract the
/// tests hold the router to (every route documented, every documented route served) and the
/// schema the API fuzzer checks responses against; change it together with the routes.
enum OpenAPIDocument {
    static let json = #"""
''' + out + '''
"""#
}
'''
    return swift, out

def main():
    parser = argparse.ArgumentParser(description=f"Generate {OUTPUT}, the OpenAPI document served at /openapi.json.")
    parser.add_argument("--check", action="store_true",
                        help=f"write nothing; exit 1 unless {OUTPUT} is byte for byte what this script generates")
    args = parser.parse_args()
    swift, out = swift_source()
    generated = swift.encode("utf-8")
    path = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", OUTPUT))
    size = f"{len(out.encode('utf-8'))} bytes of JSON"
    if args.check:
        try:
            with open(path, "rb") as f: committed = f.read()
        except FileNotFoundError:
            committed = None
        if committed != generated:
            state = ("is missing" if committed is None else
                     "is not what scripts/openapi/generate.py generates (edited by hand, or the generator changed without it)")
            print(f"{OUTPUT} {state}.\n"
                  f"Fix: run python3 scripts/openapi/generate.py and commit the result.", file=sys.stderr)
            sys.exit(1)
        print(f"{OUTPUT} is up to date ({size})")
        return
    with open(path, "wb") as f: f.write(generated)
    print(f"wrote {OUTPUT} ({size})")

if __name__ == "__main__":
    main()
