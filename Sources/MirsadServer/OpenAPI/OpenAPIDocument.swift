/// The OpenAPI 3.1 description of the API, served at `/openapi.json`. It is the contract the
/// tests hold the router to (every route documented, every documented route served) and the
/// schema the API fuzzer checks responses against; change it together with the routes.
enum OpenAPIDocument {
    static let json = #"""
{
 "openapi": "3.1.0",
 "info": {
  "title": "Mirsad API",
  "version": "1.0.0",
  "description": "Joint operations platform: incidents, units, live picture. All timestamps are UTC ISO-8601 with milliseconds. Errors are RFC 9457 problems."
 },
 "servers": [
  {
   "url": "/"
  }
 ],
 "security": [
  {
   "bearer": []
  }
 ],
 "components": {
  "securitySchemes": {
   "bearer": {
    "type": "http",
    "scheme": "bearer",
    "bearerFormat": "JWT"
   },
   "unitToken": {
    "type": "http",
    "scheme": "bearer",
    "description": "A unit's device credential (mdt_…), for POST /v1/units/positions only"
   }
  },
  "schemas": {
   "Problem": {
    "type": "object",
    "required": [
     "type",
     "title",
     "status"
    ],
    "properties": {
     "type": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "status": {
      "type": "integer"
     },
     "detail": {
      "type": "string"
     },
     "field": {
      "type": "string"
     }
    }
   },
   "LocalizedName": {
    "type": "object",
    "required": [
     "en",
     "ar"
    ],
    "properties": {
     "en": {
      "type": "string"
     },
     "ar": {
      "type": "string"
     }
    },
    "additionalProperties": false
   },
   "Coordinate": {
    "type": "object",
    "required": [
     "lat",
     "lon"
    ],
    "additionalProperties": false,
    "properties": {
     "lat": {
      "type": "number",
      "minimum": -90,
      "maximum": 90
     },
     "lon": {
      "type": "number",
      "minimum": -180,
      "maximum": 180
     }
    }
   },
   "Caller": {
    "type": "object",
    "additionalProperties": false,
    "properties": {
     "name": {
      "type": "string"
     },
     "phone": {
      "type": "string"
     },
     "language": {
      "type": "string"
     }
    }
   },
   "CreateIncident": {
    "type": "object",
    "required": [
     "type",
     "location"
    ],
    "additionalProperties": false,
    "properties": {
     "type": {
      "type": "string",
      "description": "An incident-type code from GET /v1/incident-types"
     },
     "location": {
      "$ref": "#/components/schemas/Coordinate"
     },
     "address": {
      "type": "string",
      "maxLength": 500
     },
     "caller": {
      "$ref": "#/components/schemas/Caller"
     },
     "narrative": {
      "type": "string",
      "maxLength": 20000
     },
     "priority": {
      "type": "integer",
      "minimum": 1,
      "maximum": 4
     }
    }
   },
   "Note": {
    "type": "object",
    "required": [
     "id",
     "text",
     "author",
     "at"
    ],
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "text": {
      "type": "string"
     },
     "author": {
      "type": "string"
     },
     "sector": {
      "type": "string"
     },
     "at": {
      "type": "string",
      "format": "date-time"
     },
     "redacted": {
      "type": "boolean",
      "description": "The text was withheld (a restricted field): the live feed never carries it; read the incident with X-Purpose"
     }
    }
   },
   "AssignmentRecord": {
    "type": "object",
    "required": [
     "unitId",
     "sector",
     "assignedAt"
    ],
    "properties": {
     "unitId": {
      "type": "string",
      "format": "uuid"
     },
     "sector": {
      "type": "string"
     },
     "assignedAt": {
      "type": "string",
      "format": "date-time"
     },
     "releasedAt": {
      "type": "string",
      "format": "date-time"
     }
    }
   },
   "Share": {
    "type": "object",
    "required": [
     "sector",
     "reason",
     "by",
     "at"
    ],
    "properties": {
     "sector": {
      "type": "string"
     },
     "reason": {
      "type": "string"
     },
     "by": {
      "type": "string"
     },
     "at": {
      "type": "string",
      "format": "date-time"
     },
     "revokedAt": {
      "type": "string",
      "format": "date-time"
     }
    }
   },
   "Incident": {
    "type": "object",
    "required": [
     "id",
     "number",
     "type",
     "family",
     "priority",
     "status",
     "location",
     "owningSector",
     "createdAt",
     "updatedAt",
     "statusTimes",
     "notes",
     "assignedUnits",
     "assignmentHistory",
     "sharedWith",
     "mergedFrom",
     "version"
    ],
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "number": {
      "type": "string",
      "pattern": "^[0-9]{4}-[0-9]{6}$"
     },
     "type": {
      "type": "string"
     },
     "family": {
      "type": "string"
     },
     "priority": {
      "type": "integer",
      "minimum": 1,
      "maximum": 4
     },
     "status": {
      "type": "string",
      "enum": [
       "received",
       "dispatched",
       "enRoute",
       "onScene",
       "cleared",
       "closed",
       "cancelled"
      ]
     },
     "location": {
      "$ref": "#/components/schemas/Coordinate"
     },
     "address": {
      "type": "string"
     },
     "caller": {
      "$ref": "#/components/schemas/Caller"
     },
     "narrative": {
      "type": "string"
     },
     "owningSector": {
      "type": "string"
     },
     "createdAt": {
      "type": "string",
      "format": "date-time"
     },
     "updatedAt": {
      "type": "string",
      "format": "date-time"
     },
     "statusTimes": {
      "type": "object",
      "additionalProperties": {
       "type": "string",
       "format": "date-time"
      },
      "description": "When each status was first reached"
     },
     "notes": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Note"
      }
     },
     "assignedUnits": {
      "type": "array",
      "items": {
       "type": "string",
       "format": "uuid"
      }
     },
     "assignmentHistory": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/AssignmentRecord"
      }
     },
     "sharedWith": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Share"
      }
     },
     "possibleDuplicateOf": {
      "type": "string",
      "format": "uuid"
     },
     "mergedInto": {
      "type": "string",
      "format": "uuid"
     },
     "mergedFrom": {
      "type": "array",
      "items": {
       "type": "string",
       "format": "uuid"
      }
     },
     "version": {
      "type": "integer"
     }
    }
   },
   "IncidentList": {
    "type": "object",
    "required": [
     "incidents"
    ],
    "properties": {
     "incidents": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Incident"
      }
     }
    }
   },
   "Actor": {
    "type": "object",
    "required": [
     "username",
     "role"
    ],
    "properties": {
     "username": {
      "type": "string"
     },
     "role": {
      "type": "string"
     },
     "sector": {
      "type": "string"
     }
    }
   },
   "Event": {
    "type": "object",
    "required": [
     "id",
     "type",
     "at",
     "actor",
     "sectors",
     "data"
    ],
    "properties": {
     "id": {
      "type": "integer",
      "description": "Position in the event log: dense and in commit order"
     },
     "type": {
      "type": "string",
      "examples": [
       "incident.created",
       "unit.statusChanged"
      ]
     },
     "at": {
      "type": "string",
      "format": "date-time"
     },
     "actor": {
      "$ref": "#/components/schemas/Actor"
     },
     "sectors": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "incidentId": {
      "type": "string",
      "format": "uuid"
     },
     "unitId": {
      "type": "string",
      "format": "uuid"
     },
     "data": {
      "type": "object"
     }
    }
   },
   "Timeline": {
    "type": "object",
    "required": [
     "incidentId",
     "events"
    ],
    "properties": {
     "incidentId": {
      "type": "string",
      "format": "uuid"
     },
     "events": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Event"
      }
     }
    }
   },
   "Assignments": {
    "type": "object",
    "required": [
     "incidentId",
     "status",
     "assignedUnits",
     "history"
    ],
    "properties": {
     "incidentId": {
      "type": "string",
      "format": "uuid"
     },
     "status": {
      "type": "string",
      "enum": [
       "received",
       "dispatched",
       "enRoute",
       "onScene",
       "cleared",
       "closed",
       "cancelled"
      ]
     },
     "assignedUnits": {
      "type": "array",
      "items": {
       "type": "string",
       "format": "uuid"
      }
     },
     "history": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/AssignmentRecord"
      }
     }
    }
   },
   "UnitState": {
    "type": "object",
    "required": [
     "id",
     "callSign",
     "sector",
     "type",
     "capabilities",
     "homeStation",
     "status",
     "statusChangedAt",
     "version"
    ],
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "callSign": {
      "type": "string"
     },
     "sector": {
      "type": "string"
     },
     "type": {
      "type": "string"
     },
     "capabilities": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "homeStation": {
      "type": "string"
     },
     "status": {
      "type": "string",
      "enum": [
       "available",
       "dispatched",
       "enRoute",
       "onScene",
       "returning",
       "outOfService"
      ]
     },
     "incidentId": {
      "type": "string",
      "format": "uuid"
     },
     "statusChangedAt": {
      "type": "string",
      "format": "date-time"
     },
     "version": {
      "type": "integer"
     }
    }
   },
   "Position": {
    "type": "object",
    "required": [
     "unitId",
     "lat",
     "lon",
     "at"
    ],
    "properties": {
     "unitId": {
      "type": "string",
      "format": "uuid"
     },
     "lat": {
      "type": "number"
     },
     "lon": {
      "type": "number"
     },
     "at": {
      "type": "string",
      "format": "date-time"
     },
     "speed": {
      "type": "number"
     },
     "heading": {
      "type": "number"
     }
    }
   },
   "UnitView": {
    "type": "object",
    "required": [
     "unit"
    ],
    "properties": {
     "unit": {
      "$ref": "#/components/schemas/UnitState"
     },
     "position": {
      "$ref": "#/components/schemas/Position"
     }
    }
   },
   "UnitList": {
    "type": "object",
    "required": [
     "units"
    ],
    "properties": {
     "units": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/UnitView"
      }
     }
    }
   },
   "Track": {
    "type": "object",
    "required": [
     "unitId",
     "positions"
    ],
    "properties": {
     "unitId": {
      "type": "string",
      "format": "uuid"
     },
     "positions": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Position"
      }
     }
    }
   },
   "PositionBatch": {
    "type": "object",
    "required": [
     "positions"
    ],
    "additionalProperties": false,
    "properties": {
     "positions": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "unitId",
        "lat",
        "lon"
       ],
       "additionalProperties": false,
       "properties": {
        "unitId": {
         "type": "string",
         "format": "uuid"
        },
        "lat": {
         "type": "number",
         "minimum": -90,
         "maximum": 90
        },
        "lon": {
         "type": "number",
         "minimum": -180,
         "maximum": 180
        },
        "at": {
         "type": "string",
         "format": "date-time"
        },
        "speed": {
         "type": "number"
        },
        "heading": {
         "type": "number"
        }
       }
      },
      "maxItems": 10000
     }
    }
   },
   "IngestResult": {
    "type": "object",
    "required": [
     "accepted",
     "units",
     "trackPoints"
    ],
    "properties": {
     "accepted": {
      "type": "integer"
     },
     "units": {
      "type": "integer"
     },
     "trackPoints": {
      "type": "integer"
     }
    }
   },
   "Sector": {
    "type": "object",
    "required": [
     "id",
     "name"
    ],
    "properties": {
     "id": {
      "type": "string"
     },
     "name": {
      "$ref": "#/components/schemas/LocalizedName"
     }
    }
   },
   "Station": {
    "type": "object",
    "required": [
     "id",
     "name",
     "sector",
     "location"
    ],
    "properties": {
     "id": {
      "type": "string"
     },
     "name": {
      "$ref": "#/components/schemas/LocalizedName"
     },
     "sector": {
      "type": "string"
     },
     "location": {
      "$ref": "#/components/schemas/Coordinate"
     },
     "governorate": {
      "type": "string"
     }
    }
   },
   "ResponseRequirement": {
    "type": "object",
    "required": [
     "capability",
     "count"
    ],
    "properties": {
     "capability": {
      "type": "string"
     },
     "count": {
      "type": "integer"
     }
    }
   },
   "IncidentType": {
    "type": "object",
    "required": [
     "code",
     "name",
     "family",
     "defaultPriority",
     "owningSector",
     "requiredCapabilities",
     "responsePlan",
     "restrictedFields"
    ],
    "properties": {
     "code": {
      "type": "string"
     },
     "name": {
      "$ref": "#/components/schemas/LocalizedName"
     },
     "family": {
      "type": "string"
     },
     "defaultPriority": {
      "type": "integer"
     },
     "owningSector": {
      "type": "string"
     },
     "requiredCapabilities": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "responsePlan": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/ResponseRequirement"
      }
     },
     "restrictedFields": {
      "type": "array",
      "items": {
       "type": "string"
      }
     }
    }
   },
   "Jurisdiction": {
    "type": "object",
    "required": [
     "name",
     "timeZone",
     "center",
     "governorates",
     "sectors",
     "stations",
     "units",
     "incidentTypes"
    ],
    "properties": {
     "name": {
      "$ref": "#/components/schemas/LocalizedName"
     },
     "timeZone": {
      "type": "string"
     },
     "center": {
      "$ref": "#/components/schemas/Coordinate"
     },
     "governorates": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "sectors": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Sector"
      }
     },
     "stations": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Station"
      }
     },
     "units": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "incidentTypes": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/IncidentType"
      }
     }
    }
   },
   "LoginRequest": {
    "type": "object",
    "required": [
     "username",
     "password"
    ],
    "additionalProperties": false,
    "properties": {
     "username": {
      "type": "string"
     },
     "password": {
      "type": "string"
     },
     "otp": {
      "type": "string"
     }
    }
   },
   "User": {
    "type": "object",
    "required": [
     "username",
     "role",
     "sector"
    ],
    "properties": {
     "username": {
      "type": "string"
     },
     "role": {
      "type": "string"
     },
     "sector": {
      "type": "string"
     }
    }
   },
   "LoginReply": {
    "type": "object",
    "required": [
     "token",
     "tokenType",
     "expiresAt",
     "user"
    ],
    "properties": {
     "token": {
      "type": "string"
     },
     "tokenType": {
      "type": "string"
     },
     "expiresAt": {
      "type": "string",
      "format": "date-time"
     },
     "user": {
      "$ref": "#/components/schemas/User"
     }
    }
   },
   "Health": {
    "type": "object",
    "required": [
     "status",
     "database",
     "jurisdictionLoaded"
    ],
    "properties": {
     "status": {
      "type": "string",
      "enum": [
       "ok",
       "degraded",
       "failing"
      ]
     },
     "database": {
      "type": "string",
      "enum": [
       "ok",
       "unavailable",
       "corrupt"
      ]
     },
     "lastEventId": {
      "type": "integer"
     },
     "jurisdictionLoaded": {
      "type": "boolean"
     },
     "detail": {
      "type": "string",
      "description": "What is wrong and what to do (a damaged database names `mirsad store check`)"
     }
    }
   },
   "UserView": {
    "type": "object",
    "required": [
     "username",
     "role",
     "sector",
     "disabled",
     "failedLogins",
     "secondFactor",
     "createdAt",
     "passwordChangedAt"
    ],
    "properties": {
     "username": {
      "type": "string"
     },
     "role": {
      "type": "string"
     },
     "sector": {
      "type": "string"
     },
     "disabled": {
      "type": "boolean"
     },
     "lockedUntil": {
      "type": "string",
      "format": "date-time"
     },
     "failedLogins": {
      "type": "integer"
     },
     "secondFactor": {
      "type": "boolean"
     },
     "createdAt": {
      "type": "string",
      "format": "date-time"
     },
     "passwordChangedAt": {
      "type": "string",
      "format": "date-time"
     }
    }
   },
   "Enrollment": {
    "type": "object",
    "required": [
     "secret",
     "otpauthURL"
    ],
    "properties": {
     "secret": {
      "type": "string"
     },
     "otpauthURL": {
      "type": "string"
     }
    }
   },
   "SessionView": {
    "type": "object",
    "required": [
     "id",
     "username",
     "createdAt",
     "lastSeenAt",
     "expiresAt"
    ],
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "username": {
      "type": "string"
     },
     "createdAt": {
      "type": "string",
      "format": "date-time"
     },
     "lastSeenAt": {
      "type": "string",
      "format": "date-time"
     },
     "expiresAt": {
      "type": "string",
      "format": "date-time"
     }
    }
   },
   "InclusionProof": {
    "type": "object",
    "required": [
     "eventId",
     "leafIndex",
     "treeSize",
     "rootHash",
     "hashes"
    ],
    "properties": {
     "eventId": {
      "type": "integer"
     },
     "leafIndex": {
      "type": "integer"
     },
     "treeSize": {
      "type": "integer"
     },
     "rootHash": {
      "type": "string",
      "contentEncoding": "base64"
     },
     "hashes": {
      "type": "array",
      "items": {
       "type": "string",
       "contentEncoding": "base64"
      }
     }
    }
   },
   "ConsistencyProof": {
    "type": "object",
    "required": [
     "fromSize",
     "toSize",
     "fromRoot",
     "toRoot",
     "hashes"
    ],
    "properties": {
     "fromSize": {
      "type": "integer"
     },
     "toSize": {
      "type": "integer"
     },
     "fromRoot": {
      "type": "string"
     },
     "toRoot": {
      "type": "string"
     },
     "hashes": {
      "type": "array",
      "items": {
       "type": "string"
      }
     }
    }
   },
   "AuditEntry": {
    "type": "object",
    "required": [
     "id",
     "leafHash"
    ],
    "properties": {
     "id": {
      "type": "integer"
     },
     "leafHash": {
      "type": "string"
     },
     "entry": {
      "type": "string",
      "description": "The stored event JSON, exactly the bytes hashed as the Merkle leaf; absent when it holds restricted fields and no X-Purpose was stated"
     },
     "redacted": {
      "type": "boolean",
      "description": "The entry holds restricted fields: send X-Purpose (the read is audited) to receive its bytes"
     }
    }
   },
   "CandidateUnit": {
    "type": "object",
    "required": [
     "unitId",
     "callSign",
     "sector",
     "type",
     "status",
     "etaSeconds",
     "meters",
     "fromReportedPosition",
     "why"
    ],
    "properties": {
     "unitId": {
      "type": "string",
      "format": "uuid"
     },
     "callSign": {
      "type": "string"
     },
     "sector": {
      "type": "string"
     },
     "type": {
      "type": "string"
     },
     "status": {
      "type": "string",
      "enum": [
       "available",
       "dispatched",
       "enRoute",
       "onScene",
       "returning",
       "outOfService"
      ]
     },
     "etaSeconds": {
      "type": "number"
     },
     "meters": {
      "type": "number"
     },
     "fromReportedPosition": {
      "type": "boolean"
     },
     "why": {
      "type": "string"
     }
    }
   },
   "RequirementRecommendation": {
    "type": "object",
    "required": [
     "capability",
     "count",
     "alreadyAssigned",
     "recommended",
     "alternatives",
     "shortfall"
    ],
    "properties": {
     "capability": {
      "type": "string"
     },
     "count": {
      "type": "integer"
     },
     "alreadyAssigned": {
      "type": "array",
      "items": {
       "type": "string",
       "format": "uuid"
      }
     },
     "recommended": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/CandidateUnit"
      }
     },
     "alternatives": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/CandidateUnit"
      }
     },
     "shortfall": {
      "type": "integer"
     }
    }
   },
   "Recommendation": {
    "type": "object",
    "required": [
     "incidentId",
     "incidentType",
     "method",
     "computedAt",
     "requirements"
    ],
    "properties": {
     "incidentId": {
      "type": "string",
      "format": "uuid"
     },
     "incidentType": {
      "type": "string"
     },
     "method": {
      "type": "string",
      "enum": [
       "road",
       "straight-line"
      ]
     },
     "computedAt": {
      "type": "string",
      "format": "date-time"
     },
     "requirements": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/RequirementRecommendation"
      }
     }
    }
   },
   "Coverage": {
    "type": "object",
    "required": [
     "sector",
     "targetSeconds",
     "coveredMeters",
     "totalMeters",
     "share",
     "availableUnits",
     "committedUnits"
    ],
    "properties": {
     "sector": {
      "type": "string"
     },
     "targetSeconds": {
      "type": "number"
     },
     "coveredMeters": {
      "type": "number"
     },
     "totalMeters": {
      "type": "number"
     },
     "share": {
      "type": "number"
     },
     "availableUnits": {
      "type": "integer"
     },
     "committedUnits": {
      "type": "integer"
     }
    }
   },
   "MoveUps": {
    "type": "object",
    "required": [
     "sector",
     "targetSeconds",
     "totalMeters",
     "coveredMetersNow",
     "coveredMetersIfCommittedWereFree",
     "moves"
    ],
    "properties": {
     "sector": {
      "type": "string"
     },
     "targetSeconds": {
      "type": "number"
     },
     "totalMeters": {
      "type": "number"
     },
     "coveredMetersNow": {
      "type": "number"
     },
     "coveredMetersIfCommittedWereFree": {
      "type": "number"
     },
     "moves": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "unitId",
        "callSign",
        "toStation",
        "gainMeters",
        "travelSeconds",
        "coveredMetersAfter"
       ],
       "properties": {
        "unitId": {
         "type": "string",
         "format": "uuid"
        },
        "callSign": {
         "type": "string"
        },
        "toStation": {
         "type": "string"
        },
        "stationName": {
         "$ref": "#/components/schemas/LocalizedName"
        },
        "gainMeters": {
         "type": "number"
        },
        "travelSeconds": {
         "type": "number"
        },
        "coveredMetersAfter": {
         "type": "number"
        }
       }
      }
     }
    }
   },
   "Closure": {
    "type": "object",
    "required": [
     "id",
     "polygon",
     "reason"
    ],
    "properties": {
     "id": {
      "type": "string"
     },
     "polygon": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Coordinate"
      }
     },
     "slowdownFactor": {
      "type": "number"
     },
     "reason": {
      "type": "string"
     },
     "affectedEdges": {
      "type": "integer"
     },
     "appliedInMilliseconds": {
      "type": "number"
     }
    }
   },
   "RouteReply": {
    "type": "object",
    "required": [
     "seconds",
     "meters",
     "geometry"
    ],
    "properties": {
     "seconds": {
      "type": "number"
     },
     "meters": {
      "type": "number"
     },
     "geometry": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Coordinate"
      }
     }
    }
   },
   "IsochroneReply": {
    "type": "object",
    "required": [
     "minutes",
     "reachedMeters",
     "areas"
    ],
    "properties": {
     "minutes": {
      "type": "number"
     },
     "reachedMeters": {
      "type": "number"
     },
     "areas": {
      "type": "array",
      "items": {
       "type": "array",
       "items": {
        "$ref": "#/components/schemas/Coordinate"
       }
      }
     }
    }
   },
   "AnalysisInput": {
    "type": "object",
    "additionalProperties": false,
    "properties": {
     "points": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "x",
        "y"
       ],
       "additionalProperties": false,
       "properties": {
        "x": {
         "type": "number",
         "description": "longitude (EPSG:4326) or easting in metres"
        },
        "y": {
         "type": "number",
         "description": "latitude or northing"
        },
        "time": {
         "type": "string",
         "format": "date-time"
        },
        "category": {
         "type": "string"
        },
        "id": {
         "type": "string"
        }
       }
      },
      "description": "Inline points; absent: the stored incidents the caller may see (category = incident type code)"
     },
     "crs": {
      "type": "string",
      "examples": [
       "EPSG:4326",
       "EPSG:32639"
      ]
     },
     "project": {
      "type": "string",
      "examples": [
       "utm:39N"
      ]
     },
     "bbox": {
      "type": "array",
      "items": {
       "type": "number"
      },
      "minItems": 4,
      "maxItems": 4
     },
     "category": {
      "type": "string"
     },
     "from": {
      "type": "string",
      "format": "date-time"
     },
     "to": {
      "type": "string",
      "format": "date-time"
     },
     "skipInvalidPoints": {
      "type": "boolean"
     }
    }
   },
   "GridResult": {
    "type": "object",
    "required": [
     "method",
     "layer",
     "events",
     "outsideBoundingBox",
     "summary"
    ],
    "properties": {
     "method": {
      "type": "string"
     },
     "events": {
      "type": "integer"
     },
     "outsideBoundingBox": {
      "type": "integer"
     },
     "summary": {
      "type": "object",
      "additionalProperties": {
       "type": [
        "number",
        "string"
       ],
       "description": "a number, or \"NaN\" where the statistic is undefined"
      }
     },
     "layer": {
      "type": "object",
      "required": [
       "grid",
       "measure",
       "counts",
       "values"
      ],
      "properties": {
       "grid": {
        "type": "object"
       },
       "measure": {
        "type": "string"
       },
       "counts": {
        "type": "array",
        "items": {
         "type": "integer"
        }
       },
       "values": {
        "type": "array",
        "items": {
         "type": [
          "number",
          "string"
         ],
         "description": "a number, or \"NaN\" where the statistic is undefined"
        }
       },
       "pValues": {
        "type": "array",
        "items": {
         "type": [
          "number",
          "string"
         ],
         "description": "a number, or \"NaN\" where the statistic is undefined"
        }
       },
       "extras": {
        "type": "object"
       },
       "scale": {
        "type": "string"
       }
      }
     }
    }
   },
   "AnalyticAlertEvidence": {
    "type": "object",
    "description": "The data of an analytics.alert event on the live feed",
    "required": [
     "kind",
     "summary",
     "evidence"
    ],
    "properties": {
     "incidentId": {
      "type": "string",
      "format": "uuid"
     },
     "kind": {
      "type": "string",
      "enum": [
       "nearRepeat",
       "emergingSeries"
      ]
     },
     "summary": {
      "$ref": "#/components/schemas/LocalizedName"
     },
     "evidence": {
      "type": "object"
     }
    }
   }
  }
 },
 "paths": {
  "/health": {
   "get": {
    "summary": "Liveness and database reachability",
    "security": [],
    "responses": {
     "200": {
      "description": "Healthy",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Health"
        }
       }
      }
     },
     "503": {
      "description": "Database unreachable (clears by itself)",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Health"
        }
       }
      }
     },
     "500": {
      "description": "Database damaged (needs an operator)",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Health"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/metrics": {
   "get": {
    "summary": "Prometheus metrics",
    "security": [],
    "responses": {
     "200": {
      "description": "Prometheus text format",
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/openapi.json": {
   "get": {
    "summary": "This document",
    "security": [],
    "responses": {
     "200": {
      "description": "OpenAPI 3.1",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/auth/login": {
   "post": {
    "summary": "Log in with username and password; returns a bearer token",
    "security": [],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/LoginRequest"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "Logged in",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/LoginReply"
        }
       }
      }
     },
     "423": {
      "description": "Account locked after repeated failures",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "An administrator without a second factor",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/auth/logout": {
   "post": {
    "summary": "End the caller's session (also closes its live connections)",
    "responses": {
     "204": {
      "description": "Session ended"
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/auth/me": {
   "get": {
    "summary": "The caller",
    "responses": {
     "200": {
      "description": "The caller",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/User"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/incidents": {
   "post": {
    "summary": "Create an incident (call-taker)",
    "parameters": [
     {
      "name": "Idempotency-Key",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "A retried write with the same key returns the first reply and changes nothing."
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CreateIncident"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created; `possibleDuplicateOf` is set when an open incident of the same family is within 300 m and 15 minutes",
      "headers": {
       "Location": {
        "schema": {
         "type": "string"
        }
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Incident"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Refused by the current state (illegal transition, unit already committed)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   },
   "get": {
    "summary": "List incidents, most recently updated first",
    "parameters": [
     {
      "name": "scope",
      "in": "query",
      "schema": {
       "type": "string",
       "enum": [
        "open",
        "all"
       ],
       "default": "open"
      }
     },
     {
      "name": "updatedSince",
      "in": "query",
      "schema": {
       "type": "string",
       "format": "date-time"
      }
     },
     {
      "name": "limit",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 1000,
       "default": 200
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Incidents",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/IncidentList"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/incidents/{id}": {
   "get": {
    "summary": "One incident",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "X-Purpose",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string",
       "maxLength": 500
      },
      "description": "Why a restricted record is read; required for the owning sector to see restricted fields, and audited."
     }
    ],
    "responses": {
     "200": {
      "description": "The incident",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Incident"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "428": {
      "description": "Reading restricted fields needs an X-Purpose header",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   },
   "patch": {
    "summary": "Change type and/or priority, with a reason (priority: supervisor)",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "Idempotency-Key",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "A retried write with the same key returns the first reply and changes nothing."
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "reason"
        ],
        "additionalProperties": false,
        "properties": {
         "priority": {
          "type": "integer",
          "minimum": 1,
          "maximum": 4
         },
         "type": {
          "type": "string"
         },
         "reason": {
          "type": "string",
          "minLength": 1
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The incident after the change",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Incident"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Refused by the current state (illegal transition, unit already committed)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/incidents/{id}/status": {
   "post": {
    "summary": "Move the incident through its lifecycle",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "Idempotency-Key",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "A retried write with the same key returns the first reply and changes nothing."
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "status"
        ],
        "additionalProperties": false,
        "properties": {
         "status": {
          "type": "string",
          "enum": [
           "received",
           "dispatched",
           "enRoute",
           "onScene",
           "cleared",
           "closed",
           "cancelled"
          ]
         },
         "reason": {
          "type": "string"
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The incident",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Incident"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Refused by the current state (illegal transition, unit already committed)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/incidents/{id}/notes": {
   "post": {
    "summary": "Add a note",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "Idempotency-Key",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "A retried write with the same key returns the first reply and changes nothing."
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "text"
        ],
        "additionalProperties": false,
        "properties": {
         "text": {
          "type": "string",
          "minLength": 1,
          "maxLength": 10000
         }
        }
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "The incident with the note",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Incident"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Refused by the current state (illegal transition, unit already committed)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/incidents/{id}/merge": {
   "post": {
    "summary": "Merge this incident into another (supervisor); both are kept, linked",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "Idempotency-Key",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "A retried write with the same key returns the first reply and changes nothing."
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "into"
        ],
        "additionalProperties": false,
        "properties": {
         "into": {
          "type": "string",
          "format": "uuid"
         },
         "reason": {
          "type": "string"
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The merged incident",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Incident"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Refused by the current state (illegal transition, unit already committed)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/incidents/{id}/timeline": {
   "get": {
    "summary": "Every event of the incident in log order",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "X-Purpose",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string",
       "maxLength": 500
      },
      "description": "Why a restricted record is read; required for the owning sector to see restricted fields, and audited."
     }
    ],
    "responses": {
     "200": {
      "description": "Timeline",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Timeline"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/incidents/{id}/assignments": {
   "get": {
    "summary": "Units on the incident now and before",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Assignments",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Assignments"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   },
   "post": {
    "summary": "Assign units (dispatcher); moves incident and units together",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "Idempotency-Key",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "A retried write with the same key returns the first reply and changes nothing."
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "unitIds"
        ],
        "additionalProperties": false,
        "properties": {
         "unitIds": {
          "type": "array",
          "items": {
           "type": "string",
           "format": "uuid"
          },
          "minItems": 1
         }
        }
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Assignments",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Assignments"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Refused by the current state (illegal transition, unit already committed)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/incidents/{id}/assignments/{unitId}": {
   "delete": {
    "summary": "Release a unit from the incident",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "unitId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "reason",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "Idempotency-Key",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "A retried write with the same key returns the first reply and changes nothing."
     }
    ],
    "responses": {
     "200": {
      "description": "The incident",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Incident"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Refused by the current state (illegal transition, unit already committed)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/incidents/{id}/shares": {
   "post": {
    "summary": "Share the incident with another sector (with a reason)",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "Idempotency-Key",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "A retried write with the same key returns the first reply and changes nothing."
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "sector",
         "reason"
        ],
        "additionalProperties": false,
        "properties": {
         "sector": {
          "type": "string"
         },
         "reason": {
          "type": "string",
          "minLength": 1
         }
        }
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "The incident",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Incident"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Refused by the current state (illegal transition, unit already committed)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/incidents/{id}/shares/{sector}": {
   "delete": {
    "summary": "Revoke a share",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "sector",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "reason",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "Idempotency-Key",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "A retried write with the same key returns the first reply and changes nothing."
     }
    ],
    "responses": {
     "200": {
      "description": "The incident",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Incident"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Refused by the current state (illegal transition, unit already committed)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/units": {
   "get": {
    "summary": "Every unit with status and latest position",
    "responses": {
     "200": {
      "description": "Units",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/UnitList"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/units/{id}": {
   "get": {
    "summary": "One unit",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "The unit",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/UnitView"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/units/{id}/status": {
   "post": {
    "summary": "Change a unit's status (returning/available ends its work on the incident)",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "Idempotency-Key",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "A retried write with the same key returns the first reply and changes nothing."
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "status"
        ],
        "additionalProperties": false,
        "properties": {
         "status": {
          "type": "string",
          "enum": [
           "available",
           "dispatched",
           "enRoute",
           "onScene",
           "returning",
           "outOfService"
          ]
         },
         "reason": {
          "type": "string"
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The unit",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/UnitState"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Refused by the current state (illegal transition, unit already committed)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/units/{id}/track": {
   "get": {
    "summary": "The stored (sampled) track of a unit",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "from",
      "in": "query",
      "schema": {
       "type": "string",
       "format": "date-time"
      }
     },
     {
      "name": "to",
      "in": "query",
      "schema": {
       "type": "string",
       "format": "date-time"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Track",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Track"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/units/positions": {
   "post": {
    "summary": "AVL reports, up to 10,000 per request",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/PositionBatch"
       }
      }
     }
    },
    "description": "Accepted from the unit's own device (a credential from `mirsad units token`, sent as a bearer token: it opens this route only, for its own unit) or from a dispatcher, supervisor or administrator of the unit's sector or of oversight. A position for any other unit is refused with 403 naming it.",
    "security": [
     {
      "bearer": []
     },
     {
      "unitToken": []
     }
    ],
    "responses": {
     "202": {
      "description": "Stored",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/IngestResult"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/sectors": {
   "get": {
    "summary": "Sectors of the jurisdiction",
    "responses": {
     "200": {
      "description": "Sectors",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "sectors"
         ],
         "properties": {
          "sectors": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/Sector"
           }
          }
         }
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/incident-types": {
   "get": {
    "summary": "The incident-type catalogue",
    "responses": {
     "200": {
      "description": "Types",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "incidentTypes"
         ],
         "properties": {
          "incidentTypes": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/IncidentType"
           }
          }
         }
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/stations": {
   "get": {
    "summary": "Stations",
    "responses": {
     "200": {
      "description": "Stations",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "stations"
         ],
         "properties": {
          "stations": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/Station"
           }
          }
         }
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/jurisdiction": {
   "get": {
    "summary": "The whole loaded jurisdiction",
    "responses": {
     "200": {
      "description": "Jurisdiction",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Jurisdiction"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/live": {
   "get": {
    "summary": "Live picture over WebSocket (upgrade). Frames: hello, event, positions, caughtUp, resync, sessionEnded",
    "description": "Authenticate with `Authorization: Bearer` or `?access_token=`. Pass `?since=<last event id>` to receive every missed event in order before live ones. Positions are coalesced to at most one per unit per second. A client too slow to keep up is sent `resync` and closed with code 4001; an ended session closes with 4401.",
    "parameters": [
     {
      "name": "since",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 0
      }
     },
     {
      "name": "access_token",
      "in": "query",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "101": {
      "description": "Switching to WebSocket"
     },
     "400": {
      "description": "Not a valid WebSocket upgrade, or not authenticated"
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/auth/unlock": {
   "post": {
    "summary": "Unlock a session locked after 30 minutes idle, with the password",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "password"
        ],
        "additionalProperties": false,
        "properties": {
         "password": {
          "type": "string"
         }
        }
       }
      }
     }
    },
    "responses": {
     "204": {
      "description": "Unlocked"
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "423": {
      "description": "Account locked",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/auth/password": {
   "post": {
    "summary": "Change one's password; every older session ends and a fresh token is returned",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "currentPassword",
         "newPassword"
        ],
        "additionalProperties": false,
        "properties": {
         "currentPassword": {
          "type": "string"
         },
         "newPassword": {
          "type": "string",
          "minLength": 12
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "A fresh session",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/LoginReply"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "423": {
      "description": "Account locked",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/auth/totp": {
   "post": {
    "summary": "Start second-factor (TOTP) enrolment; needs the current password",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "password"
        ],
        "additionalProperties": false,
        "properties": {
         "password": {
          "type": "string"
         }
        }
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "The secret to load into an authenticator app",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Enrollment"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Refused by the current state (illegal transition, unit already committed)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "423": {
      "description": "Account locked",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/auth/totp/confirm": {
   "post": {
    "summary": "Confirm enrolment with a first code",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "code"
        ],
        "additionalProperties": false,
        "properties": {
         "code": {
          "type": "string"
         }
        }
       }
      }
     }
    },
    "responses": {
     "204": {
      "description": "Second factor active"
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Refused by the current state (illegal transition, unit already committed)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/admin/users": {
   "get": {
    "summary": "Accounts (admin)",
    "responses": {
     "200": {
      "description": "Accounts",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "users"
         ],
         "properties": {
          "users": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/UserView"
           }
          }
         }
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   },
   "post": {
    "summary": "Create an account (admin); administrators get a second factor at once",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "username",
         "password",
         "role",
         "sector"
        ],
        "additionalProperties": false,
        "properties": {
         "username": {
          "type": "string"
         },
         "password": {
          "type": "string",
          "minLength": 12
         },
         "role": {
          "type": "string"
         },
         "sector": {
          "type": "string"
         }
        }
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "user"
         ],
         "properties": {
          "user": {
           "$ref": "#/components/schemas/UserView"
          },
          "secondFactor": {
           "$ref": "#/components/schemas/Enrollment"
          }
         }
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Refused by the current state (illegal transition, unit already committed)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/admin/users/{username}": {
   "patch": {
    "summary": "Change role, sector or disable (ends the account's sessions)",
    "parameters": [
     {
      "name": "username",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
         "role": {
          "type": "string"
         },
         "sector": {
          "type": "string"
         },
         "disabled": {
          "type": "boolean"
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The account",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/UserView"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/admin/users/{username}/unlock": {
   "post": {
    "summary": "Lift a lockout",
    "parameters": [
     {
      "name": "username",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "The account",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/UserView"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/admin/users/{username}/password": {
   "post": {
    "summary": "Reset a password (ends the account's sessions)",
    "parameters": [
     {
      "name": "username",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "password"
        ],
        "additionalProperties": false,
        "properties": {
         "password": {
          "type": "string",
          "minLength": 12
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The account",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/UserView"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/admin/users/{username}/totp": {
   "post": {
    "summary": "Issue a new second factor (ends the account's sessions)",
    "parameters": [
     {
      "name": "username",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "201": {
      "description": "The new secret",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Enrollment"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/admin/sessions": {
   "get": {
    "summary": "Open sessions of an account",
    "parameters": [
     {
      "name": "username",
      "in": "query",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Sessions",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "sessions"
         ],
         "properties": {
          "sessions": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/SessionView"
           }
          }
         }
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/admin/sessions/{id}": {
   "delete": {
    "summary": "End a session at once (live connections included)",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ],
    "responses": {
     "204": {
      "description": "Ended"
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/audit/checkpoint": {
   "get": {
    "summary": "The newest signed checkpoint (C2SP tlog-checkpoint signed note)",
    "security": [],
    "responses": {
     "200": {
      "description": "Signed note",
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/audit/key": {
   "get": {
    "summary": "The Ed25519 public key checkpoints are signed with",
    "security": [],
    "responses": {
     "200": {
      "description": "note verifier key",
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/audit/proof/inclusion": {
   "get": {
    "summary": "Inclusion proof of event `id` in the tree of `size`",
    "security": [],
    "parameters": [
     {
      "name": "id",
      "in": "query",
      "required": true,
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     },
     {
      "name": "size",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Proof",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/InclusionProof"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/audit/proof/consistency": {
   "get": {
    "summary": "Consistency proof between two tree sizes",
    "security": [],
    "parameters": [
     {
      "name": "from",
      "in": "query",
      "required": true,
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     },
     {
      "name": "to",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Proof",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ConsistencyProof"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/audit/entries": {
   "get": {
    "summary": "Audit entries with their leaf hashes (admin)",
    "parameters": [
     {
      "name": "after",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 0
      }
     },
     {
      "name": "limit",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 1000
      }
     },
     {
      "name": "X-Purpose",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string",
       "maxLength": 500
      },
      "description": "Why entries holding restricted fields are read in full (audited)"
     }
    ],
    "responses": {
     "200": {
      "description": "Entries",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "entries"
         ],
         "properties": {
          "entries": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/AuditEntry"
           }
          }
         }
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/": {
   "get": {
    "summary": "The browser console (live picture)",
    "security": [],
    "responses": {
     "200": {
      "description": "HTML",
      "content": {
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/console.js": {
   "get": {
    "summary": "Console script",
    "security": [],
    "responses": {
     "200": {
      "description": "JavaScript",
      "content": {
       "text/javascript": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/console.css": {
   "get": {
    "summary": "Console style sheet",
    "security": [],
    "responses": {
     "200": {
      "description": "CSS",
      "content": {
       "text/css": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/incidents/{id}/recommendations": {
   "get": {
    "summary": "Best available units per response-plan requirement, by road ETA, across sectors, with reasons",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Recommendation",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Recommendation"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/incidents/{id}/recommendations/accept": {
   "post": {
    "summary": "Assign all recommended units, or the ones listed",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "Idempotency-Key",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string",
       "minLength": 1,
       "maxLength": 200
      },
      "description": "A retried write with the same key returns the first reply and changes nothing."
     }
    ],
    "requestBody": {
     "required": false,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
         "unitIds": {
          "type": "array",
          "items": {
           "type": "string",
           "format": "uuid"
          }
         }
        }
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Assignments",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Assignments"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Refused by the current state (illegal transition, unit already committed)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/coverage": {
   "get": {
    "summary": "Share of road length a sector's available units reach within its target time",
    "parameters": [
     {
      "name": "sector",
      "in": "query",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "minutes",
      "in": "query",
      "schema": {
       "type": "number",
       "exclusiveMinimum": 0,
       "maximum": 120
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Coverage",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Coverage"
        }
       }
      }
     },
     "503": {
      "description": "No road network loaded, or the database is away",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/coverage/move-ups": {
   "get": {
    "summary": "Which available unit to reposition to which station, with the coverage gained",
    "parameters": [
     {
      "name": "sector",
      "in": "query",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "minutes",
      "in": "query",
      "schema": {
       "type": "number",
       "exclusiveMinimum": 0,
       "maximum": 120
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Move-ups",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MoveUps"
        }
       }
      }
     },
     "503": {
      "description": "No road network loaded, or the database is away",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/roads/closures": {
   "get": {
    "summary": "Road closures and slowdowns in force",
    "responses": {
     "200": {
      "description": "Closures",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "closures"
         ],
         "properties": {
          "closures": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/Closure"
           }
          }
         }
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   },
   "post": {
    "summary": "Close or slow the roads in a polygon (dispatcher, supervisor); effective at once in every ETA",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "polygon",
         "reason"
        ],
        "additionalProperties": false,
        "properties": {
         "id": {
          "type": "string"
         },
         "polygon": {
          "type": "array",
          "items": {
           "$ref": "#/components/schemas/Coordinate"
          },
          "minItems": 3
         },
         "slowdownFactor": {
          "type": "number",
          "minimum": 1,
          "maximum": 100
         },
         "reason": {
          "type": "string",
          "minLength": 1
         }
        }
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Applied",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Closure"
        }
       }
      }
     },
     "503": {
      "description": "No road network loaded, or the database is away",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Refused by the current state (illegal transition, unit already committed)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/roads/closures/{id}": {
   "delete": {
    "summary": "Lift a closure",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "reason",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "204": {
      "description": "Lifted"
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/roads/route": {
   "get": {
    "summary": "Fastest route with geometry",
    "parameters": [
     {
      "name": "from",
      "in": "query",
      "required": true,
      "schema": {
       "type": "string"
      },
      "description": "lat,lon"
     },
     {
      "name": "to",
      "in": "query",
      "required": true,
      "schema": {
       "type": "string"
      },
      "description": "lat,lon"
     }
    ],
    "responses": {
     "200": {
      "description": "Route",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/RouteReply"
        }
       }
      }
     },
     "503": {
      "description": "No road network loaded, or the database is away",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "Not found (or not visible to the caller)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/roads/isochrone": {
   "get": {
    "summary": "Area reachable within N minutes",
    "parameters": [
     {
      "name": "at",
      "in": "query",
      "required": true,
      "schema": {
       "type": "string"
      },
      "description": "lat,lon"
     },
     {
      "name": "minutes",
      "in": "query",
      "required": true,
      "schema": {
       "type": "number",
       "exclusiveMinimum": 0,
       "maximum": 60
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Isochrone",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/IsochroneReply"
        }
       }
      }
     },
     "503": {
      "description": "No road network loaded, or the database is away",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "429": {
      "description": "Rate limit exceeded",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/analytics/kde": {
   "post": {
    "summary": "Kernel density on a grid (analyst, supervisor)",
    "parameters": [
     {
      "name": "format",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv",
        "geojson",
        "png",
        "svg"
       ]
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "input",
         "bandwidth"
        ],
        "additionalProperties": false,
        "properties": {
         "input": {
          "$ref": "#/components/schemas/AnalysisInput"
         },
         "cell": {
          "type": "number",
          "exclusiveMinimum": 0,
          "description": "Cell size in metres (default 250)"
         },
         "bandwidth": {
          "type": "number",
          "exclusiveMinimum": 0
         },
         "kernel": {
          "type": "string",
          "enum": [
           "gaussian",
           "quartic"
          ]
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The result",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/GridResult"
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       },
       "application/geo+json": {
        "schema": {
         "type": "string"
        }
       },
       "image/png": {
        "schema": {
         "type": "string"
        }
       },
       "image/svg+xml": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "429": {
      "description": "Too many analyses running; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/analytics/gistar": {
   "post": {
    "summary": "Getis-Ord Gi* hot spots on event counts per cell",
    "parameters": [
     {
      "name": "format",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv",
        "geojson",
        "png",
        "svg"
       ]
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "input"
        ],
        "additionalProperties": false,
        "properties": {
         "input": {
          "$ref": "#/components/schemas/AnalysisInput"
         },
         "cell": {
          "type": "number",
          "exclusiveMinimum": 0,
          "description": "Cell size in metres (default 250)"
         },
         "contiguity": {
          "type": "string",
          "enum": [
           "queen",
           "rook"
          ]
         },
         "permutations": {
          "type": "integer",
          "minimum": 0
         },
         "seed": {
          "type": "integer",
          "minimum": 0
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The result",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/GridResult"
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       },
       "application/geo+json": {
        "schema": {
         "type": "string"
        }
       },
       "image/png": {
        "schema": {
         "type": "string"
        }
       },
       "image/svg+xml": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "429": {
      "description": "Too many analyses running; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/analytics/moran": {
   "post": {
    "summary": "Local Moran's I on event counts per cell",
    "parameters": [
     {
      "name": "format",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv",
        "geojson",
        "png",
        "svg"
       ]
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "input"
        ],
        "additionalProperties": false,
        "properties": {
         "input": {
          "$ref": "#/components/schemas/AnalysisInput"
         },
         "cell": {
          "type": "number",
          "exclusiveMinimum": 0,
          "description": "Cell size in metres (default 250)"
         },
         "contiguity": {
          "type": "string",
          "enum": [
           "queen",
           "rook"
          ]
         },
         "transformation": {
          "type": "string",
          "enum": [
           "r",
           "b"
          ]
         },
         "permutations": {
          "type": "integer",
          "minimum": 0
         },
         "seed": {
          "type": "integer",
          "minimum": 0
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The result",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/GridResult"
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       },
       "application/geo+json": {
        "schema": {
         "type": "string"
        }
       },
       "image/png": {
        "schema": {
         "type": "string"
        }
       },
       "image/svg+xml": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "429": {
      "description": "Too many analyses running; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/analytics/knox": {
   "post": {
    "summary": "Knox / near-repeat table (Near Repeat Calculator rules)",
    "parameters": [
     {
      "name": "format",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv"
       ]
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "input",
         "distanceBand",
         "distanceBands",
         "timeBand",
         "timeBands"
        ],
        "additionalProperties": false,
        "properties": {
         "input": {
          "$ref": "#/components/schemas/AnalysisInput"
         },
         "distanceBand": {
          "type": "number",
          "exclusiveMinimum": 0
         },
         "distanceBands": {
          "type": "integer",
          "minimum": 1
         },
         "timeBand": {
          "type": "integer",
          "minimum": 1
         },
         "timeBands": {
          "type": "integer",
          "minimum": 1
         },
         "metric": {
          "type": "string",
          "enum": [
           "manhattan",
           "euclidean"
          ]
         },
         "permutations": {
          "type": "integer",
          "minimum": 0
         },
         "seed": {
          "type": "integer",
          "minimum": 0
         },
         "singlePrecision": {
          "type": "boolean"
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The result",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "table",
          "events",
          "outsideBoundingBox"
         ],
         "properties": {
          "table": {
           "type": "object"
          },
          "events": {
           "type": "integer"
          },
          "outsideBoundingBox": {
           "type": "integer"
          }
         }
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "429": {
      "description": "Too many analyses running; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/analytics/series": {
   "post": {
    "summary": "Series detection (ST-DBSCAN) with emerging series flagged",
    "parameters": [
     {
      "name": "format",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv",
        "geojson"
       ]
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "input"
        ],
        "additionalProperties": false,
        "properties": {
         "input": {
          "$ref": "#/components/schemas/AnalysisInput"
         },
         "spatialRadius": {
          "type": "number",
          "exclusiveMinimum": 0
         },
         "temporalWindowDays": {
          "type": "number",
          "exclusiveMinimum": 0
         },
         "minimumMembers": {
          "type": "integer",
          "minimum": 2
         },
         "emergingWithinDays": {
          "type": "number",
          "exclusiveMinimum": 0
         },
         "reference": {
          "type": "string",
          "format": "date-time"
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The result",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "series",
          "events",
          "outsideBoundingBox"
         ],
         "properties": {
          "series": {
           "type": "array",
           "items": {
            "type": "object"
           }
          },
          "events": {
           "type": "integer"
          },
          "outsideBoundingBox": {
           "type": "integer"
          },
          "eventPositions": {
           "type": "array",
           "items": {
            "type": "object"
           }
          },
          "crs": {
           "type": "object"
          }
         }
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       },
       "application/geo+json": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "429": {
      "description": "Too many analyses running; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  },
  "/v1/analytics/forecast": {
   "post": {
    "summary": "Self-exciting (ETAS-style) risk grid for the next period, optionally with a rolling evaluation",
    "parameters": [
     {
      "name": "format",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv",
        "geojson",
        "png",
        "svg"
       ]
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "input"
        ],
        "additionalProperties": false,
        "properties": {
         "input": {
          "$ref": "#/components/schemas/AnalysisInput"
         },
         "cell": {
          "type": "number",
          "exclusiveMinimum": 0,
          "description": "Cell size in metres (default 250)"
         },
         "horizonDays": {
          "type": "number",
          "exclusiveMinimum": 0,
          "maximum": 366
         },
         "from": {
          "type": "string",
          "format": "date-time"
         },
         "trigger": {
          "type": "string",
          "enum": [
           "gaussian",
           "sameCell"
          ]
         },
         "evaluatePeriods": {
          "type": "integer",
          "minimum": 1
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The result",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "grid",
          "model",
          "from",
          "horizonDays"
         ],
         "properties": {
          "grid": {
           "$ref": "#/components/schemas/GridResult"
          },
          "model": {
           "type": "object"
          },
          "from": {
           "type": "string",
           "format": "date-time"
          },
          "horizonDays": {
           "type": "number"
          },
          "evaluation": {
           "type": "object"
          }
         }
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       },
       "application/geo+json": {
        "schema": {
         "type": "string"
        }
       },
       "image/png": {
        "schema": {
         "type": "string"
        }
       },
       "image/svg+xml": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "429": {
      "description": "Too many analyses running; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "400": {
      "description": "Malformed request (e.g. invalid JSON or a malformed path parameter)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "Missing, invalid or expired bearer token",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The caller's role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "Body too large",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A field is invalid; `field` names it",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "503": {
      "description": "Database unavailable; retry shortly",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    }
   }
  }
 }
}
"""#
}
