// Generated from the API's OpenAPI document by scripts/generate-api.ts: do not edit.
// Run `npm run generate` after changing a route's schema (test/api/generated-client.test.ts checks it).
export interface paths {
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys (never the keys themselves) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: components["schemas"]["ApiKey"][];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an API key (role operator unless given); the key is in this response only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /**
                         * @default operator
                         * @enum {string}
                         */
                        role?: "admin" | "approver" | "operator" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            key: string;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "approver" | "operator" | "viewer";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Approval requests, newest first (?status=pending for those waiting), with the number pending */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    status?: "pending" | "approved" | "rejected" | "withdrawn" | "stale";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApprovalRequestList"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One approval request with its campaign, checked against the campaign as it is now */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApprovalRequestDetail"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve another person’s request: the send (or schedule) starts at once, exactly as requested */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApprovalDecision"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-requests/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject another person’s request with a comment saying why (差戻し) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApprovalDecision"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-requests/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take back a pending request */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApprovalRequest"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who did what, newest first; pass next as before for the following page */
        get: {
            parameters: {
                query?: {
                    /** @description e.g. campaign.send */
                    action?: string;
                    /** @description e.g. user:3:tanaka@example.jp or apikey:1:development */
                    actor?: string;
                    before?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: components["schemas"]["AuditEntry"][];
                            next: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cadence-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Built-in cadences to start from (「未開封者への再通知」) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CadenceTemplates"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List campaigns (archived ones only with ?archived=1) */
        get: {
            parameters: {
                query?: {
                    /** @description 1: include archived campaigns */
                    archived?: "0" | "1";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaigns: components["schemas"]["Campaign"][];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a campaign */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description assignment 債権譲渡通知 | formal 正式な通知: sent only when every recipient's prior consent is recorded; null: an ordinary notice */
                        formality?: ("assignment" | "formal") | null;
                        name: string;
                        /**
                         * @description first notice, reminder or final notice (the wording lint is stricter on a first notice)
                         * @enum {string}
                         */
                        noticeKind?: "first" | "reminder" | "final";
                        /**
                         * @description contact policy; default jp_money_lending
                         * @enum {string}
                         */
                        policyPack?: "jp_money_lending" | "us_fdcpa_reg_f" | "none";
                        /** @description which routes carry it (sender profile); default "default" */
                        routeProfile?: string;
                        sender?: string;
                        template?: string;
                        /** @description recipients' time zone for the contact policy; default Asia/Tokyo */
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a campaign with message counts by state */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a draft with its list (a campaign that sent anything is archived instead) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change the template, sender, time zone, route profile or policy of a draft */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description assignment 債権譲渡通知 | formal 正式な通知: sent only when every recipient's prior consent is recorded; null: an ordinary notice */
                        formality?: ("assignment" | "formal") | null;
                        /**
                         * @description first notice, reminder or final notice (the wording lint is stricter on a first notice)
                         * @enum {string}
                         */
                        noticeKind?: "first" | "reminder" | "final";
                        /**
                         * @description contact policy; default jp_money_lending
                         * @enum {string}
                         */
                        policyPack?: "jp_money_lending" | "us_fdcpa_reg_f" | "none";
                        /** @description which routes carry it (sender profile); default "default" */
                        routeProfile?: string;
                        sender?: string;
                        template?: string;
                        /** @description recipients' time zone for the contact policy; default Asia/Tokyo */
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/approval": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the campaign needs approval, and its latest request (checked against the campaign as it is now) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignApproval"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/approval-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for approval to send a draft now or at a time (a pending request of the campaign is withdrawn by it) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description a note for the approver */
                        note?: string;
                        /**
                         * Format: date-time
                         * @description send at this time once approved (ISO 8601 with offset); at once when absent
                         */
                        scheduledAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApprovalRequest"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Archive a completed or cancelled campaign: hidden from the list, kept for records */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/cadence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The cadence: definition, state, people per state and the funnel of each step */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cadence"];
                    };
                };
            };
        };
        put?: never;
        /** Create or replace the campaign's cadence from its file (JSON, or YAML as text/yaml; docs/cadences.md) while it is a draft or paused */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description days after a promised date before an unpaid promise is broken; default: the campaign's self-service setting */
                        graceDays?: number;
                        name?: string;
                        steps: {
                            at: {
                                days: number;
                                /**
                                 * @description start: the cadence start; due: the person's due date (due_date column); previous: their previous step (for the first step: the campaign's own message)
                                 * @enum {string}
                                 */
                                from: "start" | "due" | "previous";
                                /** @description office time HH:MM on that day */
                                time?: string;
                            } | string;
                            name?: string;
                            notice?: string;
                            /** @description the SMS text with the campaign's merge fields; none: the campaign's own text again */
                            template?: string;
                            /** @default [] */
                            when?: ("not_opened" | "not_verified" | "not_paid" | "no_promise" | "promise_broken")[];
                        }[];
                        /** @default 10:00 */
                        time?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cadence"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/cadence/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** For a sample of people: which steps they would get and when, and why not (nothing is queued); a definition in the body is tried instead of the saved one */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description an unsaved definition to try (the editor); none: the saved one */
                        definition?: {
                            /** @description days after a promised date before an unpaid promise is broken; default: the campaign's self-service setting */
                            graceDays?: number;
                            name?: string;
                            steps: {
                                at: {
                                    days: number;
                                    /**
                                     * @description start: the cadence start; due: the person's due date (due_date column); previous: their previous step (for the first step: the campaign's own message)
                                     * @enum {string}
                                     */
                                    from: "start" | "due" | "previous";
                                    /** @description office time HH:MM on that day */
                                    time?: string;
                                } | string;
                                name?: string;
                                notice?: string;
                                /** @description the SMS text with the campaign's merge fields; none: the campaign's own text again */
                                template?: string;
                                /** @default [] */
                                when?: ("not_opened" | "not_verified" | "not_paid" | "no_promise" | "promise_broken")[];
                            }[];
                            /** @default 10:00 */
                            time?: string;
                        };
                        /** @default 20 */
                        sample?: number;
                        /**
                         * Format: date-time
                         * @description the start to assume for a cadence not yet started; default now
                         */
                        startAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CadenceDryRun"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/cadence/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** People of the cadence: who is in which step, who left and why; filter by step, state or reason */
        get: {
            parameters: {
                query?: {
                    /** @description recipient id of the last row of the previous page */
                    after?: number;
                    limit?: number;
                    reason?: "paid" | "opted_out" | "disputed" | "not_me" | "wrong_number" | "operator";
                    state?: "active" | "paused" | "left" | "done";
                    /** @description last step reached */
                    step?: number;
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CadenceMembers"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/cadence/members/{recipient}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take one person out of the cadence (reason operator); their queued step is cancelled */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                    recipient: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CadenceMember"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/cadence/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause it: no step is queued and queued steps wait */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cadence"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/cadence/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused cadence */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cadence"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/cadence/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start the cadence: everyone on the list joins it (the campaign's own send must be confirmed) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cadence"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/cadence/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop it for good: everyone still in it leaves (reason operator) and queued steps are cancelled */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cadence"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel what has not gone out yet */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CancelResult"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What PDFs the campaign has: uploaded, invoices issued, downloads; with ?missing=true who has none */
        get: {
            parameters: {
                query?: {
                    missing?: "true" | "false";
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            downloadedMessages: number;
                            downloads: number;
                            invoicesIssued: number;
                            invoiceTemplate: boolean;
                            matchColumn: string | null;
                            recipientsWithout?: {
                                count: number;
                                list: {
                                    key: string;
                                    line: number;
                                }[];
                            };
                            uploaded: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Upload a ZIP of PDFs, one per recipient, named by a column (e.g. 学籍番号 S0001 → S0001.pdf)
         * @description Body: the ZIP (application/zip or application/octet-stream), streamed. Files become current only when the whole ZIP was read; earlier files of the same recipients are replaced.
         */
        post: {
            parameters: {
                query: {
                    /** @description the CSV column the file names match (header or field) */
                    column: string;
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            column: {
                                field: string;
                                header: string;
                            };
                            files: number;
                            recipients: number;
                            recipientsWithout: {
                                count: number;
                                list: {
                                    key: string;
                                    line: number;
                                }[];
                            };
                            rejected: {
                                file: string;
                                message: string;
                                message_en: string;
                                reason: string;
                            }[];
                            replaced: number;
                            stored: number;
                        };
                    };
                };
            };
        };
        /** Remove the uploaded files (source=upload), the issued invoices (source=invoice, regenerated on next download) or both */
        delete: {
            parameters: {
                query?: {
                    source?: "upload" | "invoice";
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            removed: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/documents/downloads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every download by a recipient: message and time, page by page (after = last id seen) */
        get: {
            parameters: {
                query?: {
                    after?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            downloads: {
                                at: string;
                                documentId: number;
                                id: number;
                                messageId: number;
                            }[];
                            next: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/documents/invoice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The invoice template */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default 下記のとおりご請求申し上げます。お支払期限までにお支払いくださいますようお願いいたします。 */
                            greeting: string;
                            /** @default {} */
                            issuer: {
                                address?: string;
                                department?: string;
                                name?: string;
                                phone?: string;
                                registrationNumber?: string;
                            };
                            /** @default [] */
                            items: {
                                column: string;
                                label: string;
                            }[];
                            notes?: string;
                            number?: string;
                            paymentInstructions: string;
                            /** @default 請求書 */
                            title: string;
                        };
                    };
                };
            };
        };
        /** Set the template of generated invoices (請求書); free texts may use merge fields */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 下記のとおりご請求申し上げます。お支払期限までにお支払いくださいますようお願いいたします。 */
                        greeting?: string;
                        /** @default {} */
                        issuer?: {
                            address?: string;
                            department?: string;
                            name?: string;
                            phone?: string;
                            registrationNumber?: string;
                        };
                        /** @default [] */
                        items?: {
                            column: string;
                            label: string;
                        }[];
                        notes?: string;
                        number?: string;
                        paymentInstructions: string;
                        /** @default 請求書 */
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default 下記のとおりご請求申し上げます。お支払期限までにお支払いくださいますようお願いいたします。 */
                            greeting: string;
                            /** @default {} */
                            issuer: {
                                address?: string;
                                department?: string;
                                name?: string;
                                phone?: string;
                                registrationNumber?: string;
                            };
                            /** @default [] */
                            items: {
                                column: string;
                                label: string;
                            }[];
                            notes?: string;
                            number?: string;
                            paymentInstructions: string;
                            /** @default 請求書 */
                            title: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Stop generating invoices (issued ones stay) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/documents/invoice/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The invoice of the recipient on a line, as a PDF, from the saved template or the one in the body (nothing is stored) */
        post: {
            parameters: {
                query: {
                    line: number;
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 下記のとおりご請求申し上げます。お支払期限までにお支払いくださいますようお願いいたします。 */
                        greeting?: string;
                        /** @default {} */
                        issuer?: {
                            address?: string;
                            department?: string;
                            name?: string;
                            phone?: string;
                            registrationNumber?: string;
                        };
                        /** @default [] */
                        items?: {
                            column: string;
                            label: string;
                        }[];
                        notes?: string;
                        number?: string;
                        paymentInstructions: string;
                        /** @default 請求書 */
                        title?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/documents/line/{line}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The PDF stored for the recipient on a line (uploaded, or the invoice as issued) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                    line: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-Sent Events: `funnel` events (the funnel shape) whenever the figures change, checked every second; a comment line as heartbeat every 15 s */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/evidence.zip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A campaign's evidence bundle: its ledger entries with inclusion proofs, the signed (time-stamped) tree heads, revealed contents and each message's certificate
         * @description Seals the evidence ledger first: the bundle holds everything recorded until now, up to its last signed tree head. Verify it offline with `npx todoku evidence verify bundle.zip`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the bundle (zip) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/zip": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Results per message as CSV for Excel */
        get: {
            parameters: {
                query?: {
                    encoding?: "utf-8-bom" | "cp932";
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The funnel: targeted → sent → delivered → opened → verified → paid / answered / replied */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            at: string;
                            campaignId: number;
                            funnel: {
                                /** @description answered the survey */
                                answered: number;
                                delivered: number;
                                /** @description downloaded their PDF */
                                downloaded: number;
                                /** @description undeliverable, expired, rejected or failed */
                                failed: number;
                                /** @description pages locked after five wrong answers */
                                locked: number;
                                /** @description opened their page */
                                opened: number;
                                /** @description of them, opted out */
                                optedOut: number;
                                paid: number;
                                /** @description people who replied by SMS */
                                replied: number;
                                /** @description accepted by the carrier (submitted or later) */
                                sent: number;
                                /** @description recipients imported */
                                targeted: number;
                                /** @description passed the identity check */
                                verified: number;
                            };
                            /** @description the campaign's messages per state */
                            states: {
                                [key: string]: number;
                            };
                            /** @enum {string} */
                            status: "draft" | "scheduled" | "sending" | "paused" | "awaiting_receipts" | "completed" | "cancelled";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/landing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A campaign’s landing page settings, with opened / verified / locked counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: number;
                            /** @description this campaign's contact; default the organisation's */
                            contact?: {
                                hours: string;
                                hoursEn?: string | null;
                                /** @description who answers, e.g. 学生課 奨学金係 */
                                name?: string | null;
                                phone: string;
                            } | null;
                            /** @description 開封期限: afterwards the page shows only whom to contact */
                            expiresAt: string | null;
                            funnel: {
                                locked: number;
                                opened: number;
                                verified: number;
                            };
                            /** @description Markdown (raw HTML shown as text) with {{field}} merge fields */
                            notice: string;
                            noticeEn?: string | null;
                            updatedAt: string;
                            verification: {
                                column: string;
                                digits: number | null;
                                /** @enum {string} */
                                method: "birth_date" | "id_suffix" | "postal_code" | "pin";
                            };
                        };
                    };
                };
            };
        };
        /** Set a campaign’s identity check, expiry (開封期限), notice and contact */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description this campaign's contact; default the organisation's */
                        contact?: {
                            hours: string;
                            hoursEn?: string | null;
                            /** @description who answers, e.g. 学生課 奨学金係 */
                            name?: string | null;
                            phone: string;
                        } | null;
                        /** @description 開封期限: afterwards the page shows only whom to contact */
                        expiresAt: string | null;
                        /** @description Markdown (raw HTML shown as text) with {{field}} merge fields */
                        notice: string;
                        noticeEn?: string | null;
                        verification: {
                            /** @description field or header holding the answer; default birth_date, external_id, postal_code or pin */
                            column?: string;
                            /** @description id_suffix: trailing digits asked (default 4) */
                            digits?: number;
                            /**
                             * @description birth_date 生年月日 | id_suffix 番号の下N桁 | postal_code 郵便番号 | pin
                             * @enum {string}
                             */
                            method: "birth_date" | "id_suffix" | "postal_code" | "pin";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: number;
                            /** @description this campaign's contact; default the organisation's */
                            contact?: {
                                hours: string;
                                hoursEn?: string | null;
                                /** @description who answers, e.g. 学生課 奨学金係 */
                                name?: string | null;
                                phone: string;
                            } | null;
                            /** @description 開封期限: afterwards the page shows only whom to contact */
                            expiresAt: string | null;
                            funnel: {
                                locked: number;
                                opened: number;
                                verified: number;
                            };
                            /** @description Markdown (raw HTML shown as text) with {{field}} merge fields */
                            notice: string;
                            noticeEn?: string | null;
                            updatedAt: string;
                            verification: {
                                column: string;
                                digits: number | null;
                                /** @enum {string} */
                                method: "birth_date" | "id_suffix" | "postal_code" | "pin";
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages of a campaign, page by page (after = last id seen); with line, those to one person of the list */
        get: {
            parameters: {
                query?: {
                    after?: number;
                    limit?: number;
                    /** @description only the messages to the person on this line of the imported list */
                    line?: number;
                    state?: "queued" | "submitting" | "unconfirmed" | "submitted" | "delivered" | "undeliverable" | "expired" | "rejected" | "failed" | "cancelled" | "unknown";
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            messages: components["schemas"]["Message"][];
                            next: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/messages/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One message's events in time order: queued, submitted, delivered or not (carrier error code), opened, verified, downloaded, answered, paid, replied */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                at: string;
                                detail: {
                                    [key: string]: string | number | boolean | null;
                                };
                                kind: string;
                                /** @description a reply's text (not for viewers) */
                                text?: string | null;
                            }[];
                            message: {
                                attempts: number;
                                carrierState: string | null;
                                deliveredAt: string | null;
                                errorCode: string | null;
                                errorReason: string | null;
                                finalAt: string | null;
                                id: number;
                                /**
                                 * @description 'test': a test send to the organisation's own number (テスト送信), not counted in the figures
                                 * @enum {string}
                                 */
                                kind: "campaign" | "reply" | "confirmation" | "test" | "promise_confirmation" | "step";
                                line: number | null;
                                name: string | null;
                                nextAttemptAt: string | null;
                                parts: number | null;
                                route: string | null;
                                smscId: string | null;
                                /** @enum {string} */
                                state: "queued" | "submitting" | "unconfirmed" | "submitted" | "delivered" | "undeliverable" | "expired" | "rejected" | "failed" | "cancelled" | "unknown";
                                submittedAt: string | null;
                                text: string | null;
                                /** @description the recipient's number; a test send's: the organisation's test number */
                                to: string | null;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/messages/resend-unknown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-send messages whose delivery is unknown (送達不明), knowingly: each may already have arrived */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description must be "duplicate-risk": the same SMS may reach the person twice: a message whose delivery is unknown may have arrived */
                        confirm?: string;
                        /** @description only these messages; every 'unknown' one of the campaign when absent */
                        messageIds?: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ResendUnknownResult"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause sending */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payments of a campaign: counts by state (messages without a checkout are unpaid) and each started payment */
        get: {
            parameters: {
                query?: {
                    after?: number;
                    limit?: number;
                    state?: "unpaid" | "pending" | "paid" | "cancelled" | "expired";
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                cancelled: number;
                                expired: number;
                                paid: number;
                                pending: number;
                                unpaid: number;
                            };
                            next: number | null;
                            payments: {
                                amount: number;
                                currency: string;
                                messageId: number;
                                paidAmount: number | null;
                                paidAt: string | null;
                                provider: string | null;
                                /** @enum {string} */
                                state: "unpaid" | "pending" | "paid" | "cancelled" | "expired";
                                updatedAt: string;
                            }[];
                            provider: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render the template on real rows and check every row */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 5 */
                        limit?: number;
                        template?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Preview"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/recipients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of the campaign's list in line order: each row's number and fields, to correct a draft */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecipientPage"];
                    };
                };
            };
        };
        /** Replace a draft's whole list (and its rejected rows) with a CSV body; a file that fails leaves the old list */
        put: {
            parameters: {
                query?: {
                    /** @description JSON object: header → field, e.g. {"携帯":"phone"} */
                    mapping?: string;
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportResult"];
                    };
                };
            };
        };
        /** Import recipients from a CSV body (UTF-8 with or without BOM, or CP932); streamed */
        post: {
            parameters: {
                query?: {
                    /** @description JSON object: header → field, e.g. {"携帯":"phone"} */
                    mapping?: string;
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportResult"];
                    };
                };
            };
        };
        /** Remove several rows from a draft's list at once (all or none) */
        delete: {
            parameters: {
                query: {
                    /** @description recipient ids, comma-separated, e.g. 12,15,31 */
                    ids: string;
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecipientsRemoved"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/recipients/{recipient}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove one row from a draft's list */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                    /** @description recipient id */
                    recipient: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecipientsRemoved"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Correct one row of a draft's list: fields by name, re-checked as the import checks them */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                    /** @description recipient id */
                    recipient: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description field name (as the list's columns name them, e.g. phone, name, amount or a custom header) → new value */
                        fields: {
                            [key: string]: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecipientRow"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/recipients/{recipient}/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Record one row's prior consent to notices by SMS (date and method) on a draft's list; entered in the evidence ledger */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                    /** @description recipient id */
                    recipient: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the day consent was given: 2024-04-01, 2024/4/1, 令和6年4月1日 …; not after today */
                        date: string;
                        /**
                         * @description written 書面 | electronic 電子 | oral_record 口頭記録 | other その他
                         * @enum {string}
                         */
                        method: "written" | "electronic" | "oral_record" | "other";
                        /** @description how it was obtained, e.g. 契約書第12条 (sealed; never in the ledger in clear) */
                        note?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecipientRow"];
                    };
                };
            };
        };
        post?: never;
        /** Withdraw one row's recorded consent on a draft's list (the withdrawal is entered in the evidence ledger) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                    /** @description recipient id */
                    recipient: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecipientRow"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/recipients/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recipients in line order with their message and how far each got; q searches names, numbers and columns (line numbers only for viewers) */
        get: {
            parameters: {
                query?: {
                    /** @description recipientId of the last row seen */
                    after?: number;
                    limit?: number;
                    q?: string;
                    state?: "queued" | "submitting" | "unconfirmed" | "submitted" | "delivered" | "undeliverable" | "expired" | "rejected" | "failed" | "cancelled" | "unknown";
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            next: number | null;
                            rows: {
                                answeredAt: string | null;
                                deliveredAt: string | null;
                                downloadedAt: string | null;
                                errorCode: string | null;
                                errorReason: string | null;
                                externalId: string | null;
                                line: number;
                                locked: boolean;
                                messageId: number | null;
                                name: string | null;
                                nextAttemptAt: string | null;
                                openedAt: string | null;
                                paidAt: string | null;
                                phone: string;
                                recipientId: number;
                                repliedAt: string | null;
                                state: ("queued" | "submitting" | "unconfirmed" | "submitted" | "delivered" | "undeliverable" | "expired" | "rejected" | "failed" | "cancelled" | "unknown") | null;
                                submittedAt: string | null;
                                verifiedAt: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/rejections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rejected rows with line and reason, as JSON, the first `limit` in line order; rejections.csv has them all */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description more rejections than shown: download rejections.csv */
                            more: boolean;
                            rejections: {
                                line: number;
                                message: string;
                                message_en: string;
                                raw: string | null;
                                reason: string;
                            }[];
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/rejections.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rejected rows with line and reason, as CSV */
        get: {
            parameters: {
                query?: {
                    encoding?: "utf-8-bom" | "cp932";
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume sending */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/self-service": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which self-service actions the campaign’s page offers (the defaults until set) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SelfServiceSettings"];
                    };
                };
            };
        };
        /** Choose which self-service actions the campaign’s page offers, and a promise’s limits (audited) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SelfServiceSettingsInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SelfServiceSettings"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm and start sending now or at a scheduled time (idempotent: confirming twice sends once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description ISO 8601 with offset, e.g. 2026-12-01T09:00:00+09:00
                         */
                        scheduledAt?: string;
                        template?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SendResult"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/survey": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The survey */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            intro?: string;
                            intro_en?: string;
                            questions: ({
                                id: string;
                                label: string;
                                label_en?: string;
                                options: {
                                    id: string;
                                    label: string;
                                    label_en?: string;
                                }[];
                                /** @default false */
                                required: boolean;
                                /** @enum {string} */
                                type: "single";
                            } | {
                                id: string;
                                label: string;
                                label_en?: string;
                                maxChoices?: number;
                                options: {
                                    id: string;
                                    label: string;
                                    label_en?: string;
                                }[];
                                /** @default false */
                                required: boolean;
                                /** @enum {string} */
                                type: "multiple";
                            } | {
                                id: string;
                                label: string;
                                label_en?: string;
                                /** @default 1000 */
                                maxLength: number;
                                /** @default true */
                                multiline: boolean;
                                /** @default false */
                                required: boolean;
                                /** @enum {string} */
                                type: "text";
                            } | {
                                id: string;
                                label: string;
                                label_en?: string;
                                /** Format: date */
                                max?: string;
                                /** Format: date */
                                min?: string;
                                /** @default false */
                                required: boolean;
                                /** @enum {string} */
                                type: "date";
                            })[];
                            /** @default アンケート */
                            title: string;
                            title_en?: string;
                        };
                    };
                };
            };
        };
        /**
         * Define the survey: questions of type single, multiple, text or date
         * @description Question ids are stable keys for answers and tallies; options may be plain labels or {id, label}. Answers can be given and changed until the campaign's landing-page deadline.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        intro?: string;
                        intro_en?: string;
                        questions: ({
                            id: string;
                            label: string;
                            label_en?: string;
                            options: (string | {
                                id: string;
                                label: string;
                                label_en?: string;
                            })[];
                            /** @default false */
                            required?: boolean;
                            /** @enum {string} */
                            type: "single";
                        } | {
                            id: string;
                            label: string;
                            label_en?: string;
                            maxChoices?: number;
                            options: (string | {
                                id: string;
                                label: string;
                                label_en?: string;
                            })[];
                            /** @default false */
                            required?: boolean;
                            /** @enum {string} */
                            type: "multiple";
                        } | {
                            id: string;
                            label: string;
                            label_en?: string;
                            /** @default 1000 */
                            maxLength?: number;
                            /** @default true */
                            multiline?: boolean;
                            /** @default false */
                            required?: boolean;
                            /** @enum {string} */
                            type: "text";
                        } | {
                            id: string;
                            label: string;
                            label_en?: string;
                            /** Format: date */
                            max?: string;
                            /** Format: date */
                            min?: string;
                            /** @default false */
                            required?: boolean;
                            /** @enum {string} */
                            type: "date";
                        })[];
                        /** @default アンケート */
                        title?: string;
                        title_en?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            intro?: string;
                            intro_en?: string;
                            questions: ({
                                id: string;
                                label: string;
                                label_en?: string;
                                options: {
                                    id: string;
                                    label: string;
                                    label_en?: string;
                                }[];
                                /** @default false */
                                required: boolean;
                                /** @enum {string} */
                                type: "single";
                            } | {
                                id: string;
                                label: string;
                                label_en?: string;
                                maxChoices?: number;
                                options: {
                                    id: string;
                                    label: string;
                                    label_en?: string;
                                }[];
                                /** @default false */
                                required: boolean;
                                /** @enum {string} */
                                type: "multiple";
                            } | {
                                id: string;
                                label: string;
                                label_en?: string;
                                /** @default 1000 */
                                maxLength: number;
                                /** @default true */
                                multiline: boolean;
                                /** @default false */
                                required: boolean;
                                /** @enum {string} */
                                type: "text";
                            } | {
                                id: string;
                                label: string;
                                label_en?: string;
                                /** Format: date */
                                max?: string;
                                /** Format: date */
                                min?: string;
                                /** @default false */
                                required: boolean;
                                /** @enum {string} */
                                type: "date";
                            })[];
                            /** @default アンケート */
                            title: string;
                            title_en?: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Remove the survey from the page (answers stay) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/survey/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every answer, one row per recipient, as CSV for Excel */
        get: {
            parameters: {
                query?: {
                    encoding?: "utf-8-bom" | "cp932";
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/survey/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tallies: answers per option, answered per question */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description messages that answered */
                            answered: number;
                            questions: {
                                answered: number;
                                id: string;
                                label: string;
                                options?: {
                                    count: number;
                                    id: string;
                                    label: string;
                                }[];
                                /** @enum {string} */
                                type: "single" | "multiple" | "text" | "date";
                            }[];
                            title: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/test-send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the campaign’s message now to the organisation’s test numbers only (no approval needed, a draft too; never counted in the figures) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the list’s line whose fields fill the template; the first row when absent */
                        line?: number;
                        /** @description some of the organisation’s test numbers; all of them when absent */
                        numbers?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TestSendResult"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The funnel over time: how many were sent, delivered, opened … in each minute, 5 minutes, hour or day (only buckets where something happened) */
        get: {
            parameters: {
                query?: {
                    bucket?: "auto" | "minute" | "5min" | "hour" | "day";
                };
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            bucket: "minute" | "5min" | "hour" | "day";
                            bucketMs: number;
                            buckets: {
                                answered: number;
                                at: string;
                                delivered: number;
                                downloaded: number;
                                failed: number;
                                opened: number;
                                paid: number;
                                replied: number;
                                sent: number;
                                verified: number;
                            }[];
                            series: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/{campaign}/unarchive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bring an archived campaign back to the list */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description campaign id or name */
                    campaign: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/csv/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The first rows of a CSV body as the import would read them: encoding, column mapping, each row accepted or rejected with its reason (nothing stored) */
        post: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description JSON object: header (or col_N) → field, e.g. {"携帯":"phone"} */
                    mapping?: string;
                    /** @description the body is the start of a larger file: its last record may be cut and is not shown */
                    partial?: "0" | "1" | "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                canonical: boolean;
                                field: string;
                                header: string;
                                index: number;
                            }[];
                            encoding: string;
                            /** @description the fields Todoku knows; any other name is a custom column */
                            fields: string[];
                            /** @description more rows follow those shown */
                            more: boolean;
                            problems: {
                                code: string;
                                columns: number[];
                                message: string;
                                message_en: string;
                                /** @enum {string} */
                                severity: "error" | "warning";
                            }[];
                            rows: {
                                accepted: boolean;
                                cells: string[];
                                line: number;
                                message?: string;
                                message_en?: string;
                                phone?: string;
                                reason?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/debtor-actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What recipients asked for on their page (promises, instalment requests, disputes, not-me reports), newest first, with the open ones counted by kind */
        get: {
            parameters: {
                query?: {
                    /** @description campaign id */
                    campaign?: number;
                    kind?: "promise" | "instalment" | "dispute" | "not_me";
                    limit?: number;
                    offset?: number;
                    state?: "open" | "kept" | "broken" | "resolved" | "dismissed" | "superseded";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DebtorActionList"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/debtor-actions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One request from a recipient’s page */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DebtorAction"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/debtor-actions/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Review an open request: resolved (dispute upheld, not-me confirmed, instalments agreed, promise acknowledged) or dismissed (rejected, wrong: a not-me found wrong leaves the misdelivery list); audited */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the operator's note, kept sealed */
                        note?: string | null;
                        /** @enum {string} */
                        outcome: "resolved" | "dismissed";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DebtorAction"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/evidence.zip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The whole evidence ledger as one bundle, for a hand-over (引継ぎ): every entry, every signed (time-stamped) tree head and every revealed content
         * @description Seals the evidence ledger first: the bundle holds everything recorded until now, up to its last signed tree head. Verify it offline with `npx todoku evidence verify bundle.zip`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the bundle (zip) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/zip": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/evidence/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The evidence ledger's health: entries, the latest signed (time-stamped) tree head, the clock against the TSA, the time source, retention and the public key */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EvidenceStatus"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/evidence/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Checks the whole ledger now: every leaf hash, the tree rebuilt from the rows, each head’s root, signature and time stamp; names the first failure
         * @description One run at a time per process: a call while one runs is refused with TODOKU_E_EVIDENCE_VERIFY_RUNNING (409). The same check as `todoku evidence verify --database`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EvidenceVerifyReport"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inbound/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Correct a reply's intent (the rule's own tag is kept beside it); correcting to opt_out suppresses the number */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        intent: "paid" | "promise" | "question" | "wrong_person" | "opt_out" | "other";
                        /** @description for a promise */
                        promisedDate?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            at: string;
                            campaignId: number | null;
                            confirmationId: number | null;
                            correction: {
                                actor: string;
                                at: string;
                                /** @enum {string} */
                                intent: "paid" | "promise" | "question" | "wrong_person" | "opt_out" | "other";
                                promisedDate: string | null;
                            } | null;
                            /** @enum {string} */
                            direction: "in";
                            id: number;
                            /** @enum {string} */
                            intent: "paid" | "promise" | "question" | "wrong_person" | "opt_out" | "other";
                            /** @description the message it answers */
                            messageId: number | null;
                            optOut: boolean;
                            promisedDate: string | null;
                            readAt: string | null;
                            /** @description the rule's own reading, kept after a correction */
                            tag: {
                                description: {
                                    en: string;
                                    ja: string;
                                } | null;
                                /** @enum {string} */
                                intent: "paid" | "promise" | "question" | "wrong_person" | "opt_out" | "other";
                                matched: string | null;
                                promisedDate: string | null;
                                rule: string;
                            };
                            /** @description null for a viewer */
                            text: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Conversations, one per number that replied, newest reply first */
        get: {
            parameters: {
                query?: {
                    /** @description campaign id or name: replies matched to it */
                    campaign?: string;
                    /** @description the intent of the latest reply */
                    intent?: "paid" | "promise" | "question" | "wrong_person" | "opt_out" | "other";
                    limit?: number;
                    offset?: number;
                    /** @description 1: only conversations with unread replies */
                    unread?: "0" | "1" | "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversations: {
                                campaign: {
                                    id: number;
                                    name: string;
                                } | null;
                                id: string;
                                /** @enum {string} */
                                intent: "paid" | "promise" | "question" | "wrong_person" | "opt_out" | "other";
                                lastMessage: {
                                    at: string;
                                    /** @enum {string} */
                                    direction: "in" | "out";
                                    text: string | null;
                                };
                                /** @description who the number belongs to, from the list row of the latest message sent; null when nothing was sent to it */
                                person: {
                                    /** @description the list's 顧客番号 / 学籍番号 … (external_id) */
                                    customerNumber: string | null;
                                    /** @description true for a viewer: 山＊＊＊, ****45 */
                                    masked: boolean;
                                    name: string | null;
                                } | null;
                                phone: string;
                                promisedDate: string | null;
                                replies: number;
                                suppressed: boolean;
                                unread: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inbox/{conversationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A conversation: every message sent to the number and every reply from it, oldest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description who the number belongs to, from the list row of the latest message sent; null when nothing was sent to it */
                            person: {
                                /** @description the list's 顧客番号 / 学籍番号 … (external_id) */
                                customerNumber: string | null;
                                /** @description true for a viewer: 山＊＊＊, ****45 */
                                masked: boolean;
                                name: string | null;
                            } | null;
                            phone: string;
                            suppressed: boolean;
                            timeline: ({
                                at: string;
                                campaign: {
                                    id: number;
                                    name: string;
                                };
                                deliveredAt: string | null;
                                /** @enum {string} */
                                direction: "out";
                                errorCode: string | null;
                                errorReason: string | null;
                                id: number;
                                /**
                                 * @description 'campaign', 'reply' (an operator's), 'confirmation' (after an opt-out) or 'test' (a test send)
                                 * @enum {string}
                                 */
                                kind: "campaign" | "reply" | "confirmation" | "test" | "promise_confirmation" | "step";
                                /** @enum {string} */
                                state: "queued" | "submitting" | "unconfirmed" | "submitted" | "delivered" | "undeliverable" | "expired" | "rejected" | "failed" | "cancelled" | "unknown";
                                submittedAt: string | null;
                                /** @description null until composed and sent, and for a viewer; for an administrator a cancelled message shows what it would have said */
                                text: string | null;
                            } | {
                                at: string;
                                campaignId: number | null;
                                correction: {
                                    actor: string;
                                    at: string;
                                    /** @enum {string} */
                                    intent: "paid" | "promise" | "question" | "wrong_person" | "opt_out" | "other";
                                    promisedDate: string | null;
                                } | null;
                                /** @enum {string} */
                                direction: "in";
                                id: number;
                                /** @enum {string} */
                                intent: "paid" | "promise" | "question" | "wrong_person" | "opt_out" | "other";
                                /** @description the message it answers */
                                messageId: number | null;
                                optOut: boolean;
                                promisedDate: string | null;
                                readAt: string | null;
                                /** @description the rule's own reading, kept after a correction */
                                tag: {
                                    description: {
                                        en: string;
                                        ja: string;
                                    } | null;
                                    /** @enum {string} */
                                    intent: "paid" | "promise" | "question" | "wrong_person" | "opt_out" | "other";
                                    matched: string | null;
                                    promisedDate: string | null;
                                    rule: string;
                                };
                                /** @description null for a viewer */
                                text: string | null;
                            })[];
                            unread: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inbox/{conversationId}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a conversation's replies read */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            read: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inbox/{conversationId}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer a conversation: queued as the next message to the person, through the route and the contact policy (refused for a suppressed number) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: number;
                            messageId: number;
                            parts: number;
                            /** @enum {string} */
                            state: "queued";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inbox/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The intent rules, in the order they are tried (the first match tags a reply) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            intents: {
                                /** @enum {string} */
                                intent: "paid" | "promise" | "question" | "wrong_person" | "opt_out" | "other";
                                label: {
                                    en: string;
                                    ja: string;
                                };
                            }[];
                            rules: {
                                description: {
                                    en: string;
                                    ja: string;
                                };
                                id: string;
                                /** @enum {string} */
                                intent: "paid" | "promise" | "question" | "wrong_person" | "opt_out" | "other";
                                /** @enum {string} */
                                match: "whole" | "contains";
                                patterns: string[];
                                unless: string[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/{id}/certificate.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A message's 記録証明書 as data (todoku-certificate/1): entries with inclusion proofs, revealed contents, the signed (time-stamped) tree head */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Certificate"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/{id}/certificate.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A message's 記録証明書 (certificate of records) as a PDF: recorded times in JST, the notice text, proofs, the signed tree head; certificate.json attached
         * @description Seals the evidence ledger first, so every fact recorded until now is included. Verify offline with `npx todoku evidence verify certificate.pdf`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the PDF */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/{id}/landing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A message’s page: wrong tries, lock, verification and its history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                at: string;
                                browser: string | null;
                                kind: string;
                                os: string | null;
                                platform: string | null;
                            }[];
                            failedAttempts: number;
                            locked: boolean;
                            lockedAt: string | null;
                            maxAttempts: number;
                            messageId: number;
                            verifiedAt: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/{id}/payment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A message's payment and the entries operators made by hand */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MessagePayment"];
                    };
                };
            };
        };
        put?: never;
        /** 支払済みにする: record money that came in outside Todoku (counter, cash, transfer …); a part payment as such; past what is owed only with overpayment */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description yen; omitted: what is still owed */
                        amount?: number;
                        /**
                         * @description counter 窓口入金 | cash 現金 | transfer 振込・口座振替 | other その他
                         * @enum {string}
                         */
                        method: "counter" | "cash" | "transfer" | "other";
                        note?: string;
                        /**
                         * @description say so to record more than is still owed (or on a debt already paid)
                         * @default false
                         */
                        overpayment?: boolean;
                        /** @description when it came in: 'YYYY-MM-DD' (the campaign's day) or a date-time with offset; omitted: now; never in the future */
                        paidAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentMarkResult"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unlock a message’s page after five wrong answers (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            locked: boolean;
                            messageId: number;
                            wasLocked: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/misdelivered-numbers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The misdelivery list: numbers someone reported as not theirs (「私は宛先の本人ではありません」); imports reject them as misdelivered until removed */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MisdeliveredNumberList"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/misdelivered-numbers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take a number off the misdelivery list: imports accept it again (audited) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organisation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation as recipients see it: name, logo, colours, contact, official senders */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string | null;
                            colours: {
                                accent: string;
                                primary: string;
                            };
                            contact: {
                                hours: string;
                                hoursEn?: string | null;
                                phone: string;
                            } | null;
                            legalName: string | null;
                            linkBase: string;
                            logo: {
                                /** @enum {string} */
                                kind: "url" | "uploaded";
                                url: string;
                            } | null;
                            name: string;
                            nameEn: string | null;
                            officialLinkBases: string[];
                            officialSenders: string[];
                            registrationNumbers: string[];
                            retentionDays: number | null;
                            sampleMessage: string | null;
                            shortNames: string[];
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        /** Set the organisation’s branding, contact and official sender numbers */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 所在地: the sender's registered address; left out: kept */
                        address?: string | null;
                        colours?: {
                            accent: string;
                            primary: string;
                        };
                        contact?: {
                            hours: string;
                            hoursEn?: string | null;
                            phone: string;
                        } | null;
                        /** @description 法人名: the sender's legal name, on every recipient page, /verify and certificates; left out: kept */
                        legalName?: string | null;
                        /** @description what recipients' links start with, as shown on /verify (default TODOKU_LINK_BASE); left out: kept as set before, null: back to the default */
                        linkBase?: string | null;
                        /** @description an https image; or upload one with PUT /organisation/logo */
                        logoUrl?: string | null;
                        name: string;
                        nameEn?: string | null;
                        /**
                         * @description further official link bases (e.g. an old short domain): on /verify a pasted link counts as ours only on TODOKU_LINK_BASE, linkBase or one of these
                         * @default []
                         */
                        officialLinkBases?: string[];
                        /**
                         * @description 発信番号 or alphanumeric sender ids shown on the anti-smishing page
                         * @default []
                         */
                        officialSenders?: string[];
                        /** @description 登録番号など, one per line, e.g. 債権回収会社 法務大臣許可番号 第123号, 適格請求書発行事業者登録番号 T1234567890123; left out: kept */
                        registrationNumbers?: string[];
                        /** @description days after a campaign ends before personal data not kept as evidence is removed (rejected rows, unused columns, identity-check answers once the page expired, unmatched replies); null: kept; left out: kept as set */
                        retentionDays?: number | null;
                        /** @description an example SMS shown on /verify */
                        sampleMessage?: string | null;
                        /**
                         * @description official short names (e.g. さくら債権回収 for さくら債権回収株式会社): the wording check counts them as the sender name
                         * @default []
                         */
                        shortNames?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string | null;
                            colours: {
                                accent: string;
                                primary: string;
                            };
                            contact: {
                                hours: string;
                                hoursEn?: string | null;
                                phone: string;
                            } | null;
                            legalName: string | null;
                            linkBase: string;
                            logo: {
                                /** @enum {string} */
                                kind: "url" | "uploaded";
                                url: string;
                            } | null;
                            name: string;
                            nameEn: string | null;
                            officialLinkBases: string[];
                            officialSenders: string[];
                            registrationNumbers: string[];
                            retentionDays: number | null;
                            sampleMessage: string | null;
                            shortNames: string[];
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organisation/logo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Upload the logo (PNG, JPEG, WebP or GIF, up to 256 KB, base64); set the organisation first */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the image file, base64 */
                        data: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string | null;
                            colours: {
                                accent: string;
                                primary: string;
                            };
                            contact: {
                                hours: string;
                                hoursEn?: string | null;
                                phone: string;
                            } | null;
                            legalName: string | null;
                            linkBase: string;
                            logo: {
                                /** @enum {string} */
                                kind: "url" | "uploaded";
                                url: string;
                            } | null;
                            name: string;
                            nameEn: string | null;
                            officialLinkBases: string[];
                            officialSenders: string[];
                            registrationNumbers: string[];
                            retentionDays: number | null;
                            sampleMessage: string | null;
                            shortNames: string[];
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Remove the uploaded logo */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organisation/sending": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether sends need approval, and the organisation’s test numbers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SendingSettings"];
                    };
                };
            };
        };
        /** Require approval before sends and schedules; list the organisation’s own phones for test sends (set the organisation first) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        approvalRequired: boolean;
                        /**
                         * @description mobile numbers (090-…, +8190…): test sends go only to these
                         * @default []
                         */
                        testNumbers?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SendingSettings"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/bank-files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 入金消込: import a bank file (全銀協 振込入金通知 01 / 入出金取引明細 03, or a portal CSV) as the body; the same file twice changes nothing */
        post: {
            parameters: {
                query?: {
                    account?: string;
                    /** @description for a CSV without account columns: bank code */
                    bank?: string;
                    branch?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BankFileImport"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/bank-transfers/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply a transfer that is not matched to a campaign message's payment (paid once it covers what is owed) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        messageId: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BankTransfer"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/bank-transfers/{id}/not-ours": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a transfer aside: not a payment of any list */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BankTransfer"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/debts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** People of sent campaigns whose name, フリガナ, customer number or a column contains q: whom a transfer can be assigned to */
        get: {
            parameters: {
                query: {
                    limit?: number;
                    q: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DebtSearch"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/unmatched": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Bank transfers waiting for an operator (unmatched, and suspected duplicates), oldest first, with the counts of every state */
        get: {
            parameters: {
                query?: {
                    after?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnmatchedTransfers"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/routes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List routes with their sender numbers (発信番号) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            routes: {
                                /** @description whether this process has the route bound (null: not run here) */
                                bound: boolean | null;
                                config: {
                                    [key: string]: unknown;
                                };
                                enabled: boolean;
                                /** @enum {string} */
                                kind: "smpp" | "http" | "simulator" | "http-simulator";
                                name: string;
                                priority: number;
                                profile: string;
                                ratePerSecond: number | null;
                                sender: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/routes/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a route */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description whether this process has the route bound (null: not run here) */
                            bound: boolean | null;
                            config: {
                                [key: string]: unknown;
                            };
                            enabled: boolean;
                            /** @enum {string} */
                            kind: "smpp" | "http" | "simulator" | "http-simulator";
                            name: string;
                            priority: number;
                            profile: string;
                            ratePerSecond: number | null;
                            sender: string;
                        };
                    };
                };
            };
        };
        /** Add or change a route (workers pick the change up within seconds) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description kind-specific settings, e.g. SMPP host, port, systemId, password, window, concatenation
                         * @default {}
                         */
                        config?: {
                            [key: string]: unknown;
                        };
                        /** @default true */
                        enabled?: boolean;
                        /** @enum {string} */
                        kind: "smpp" | "http" | "simulator" | "http-simulator";
                        /** @default 100 */
                        priority?: number;
                        /** @default default */
                        profile?: string;
                        /** @default null */
                        ratePerSecond?: number | null;
                        /** @description 発信番号 / sender number or alphanumeric id */
                        sender: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description whether this process has the route bound (null: not run here) */
                            bound: boolean | null;
                            config: {
                                [key: string]: unknown;
                            };
                            enabled: boolean;
                            /** @enum {string} */
                            kind: "smpp" | "http" | "simulator" | "http-simulator";
                            name: string;
                            priority: number;
                            profile: string;
                            ratePerSecond: number | null;
                            sender: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Remove a route */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/routes/{name}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test the connection: bind with the stored settings, then unbind */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                            ok: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in: sets the session cookie (HttpOnly) and the CSRF cookie; returns the CSRF token to send as X-CSRF-Token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        login: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            expiresAt: string;
                            user: {
                                createdAt: string;
                                disabled: boolean;
                                displayName: string;
                                id: number;
                                lastLoginAt: string | null;
                                login: string;
                                mustChangePassword: boolean;
                                /** @enum {string} */
                                role: "admin" | "approver" | "operator" | "viewer";
                            };
                        };
                    };
                };
            };
        };
        /** Log out: ends the session and clears its cookies */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is calling: the logged-in person (with the CSRF token) or the API key, and the role */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiKey?: {
                                id: number;
                                name: string;
                            };
                            csrfToken?: string;
                            /** @enum {string} */
                            kind: "user" | "apikey";
                            /** @enum {string} */
                            role: "admin" | "approver" | "operator" | "viewer";
                            user?: {
                                createdAt: string;
                                disabled: boolean;
                                displayName: string;
                                id: number;
                                lastLoginAt: string | null;
                                login: string;
                                mustChangePassword: boolean;
                                /** @enum {string} */
                                role: "admin" | "approver" | "operator" | "viewer";
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change my password (required after logging in with a one-time password); ends my other sessions */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                createdAt: string;
                                disabled: boolean;
                                displayName: string;
                                id: number;
                                lastLoginAt: string | null;
                                login: string;
                                mustChangePassword: boolean;
                                /** @enum {string} */
                                role: "admin" | "approver" | "operator" | "viewer";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/simulator/disconnect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Drop every client connection without unbinding, as a carrier outage would (clients bind again) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description connections dropped */
                            dropped: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/simulator/received": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages the built-in SMSC simulator received, oldest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReceivedPage"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Forget what the simulator received */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/simulator/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The simulator's knobs as they are now */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description share of submit_sm after which the connection is dropped before the answer */
                            disconnectRate: number;
                            /** @description receipt err: code per stat word */
                            errorCodes: {
                                [key: string]: string;
                            };
                            /** @description delay from delivery to the reply (ms) */
                            moDelayMs: number;
                            /** @description share of delivered messages that get a reply */
                            moRate: number;
                            /** @description number → replies, one per delivered message */
                            moScript: {
                                [key: string]: string[];
                            };
                            /** @description canned replies, picked at random */
                            moTexts: string[];
                            /** @description receipt stat word → share, e.g. {"DELIVRD":0.9,"UNDELIV":0.1} */
                            outcomes: {
                                [key: string]: number;
                            };
                            /** @description deliver the receipt before answering the submit */
                            receiptBeforeResponse: boolean;
                            /** @description extra random receipt delay, 0..N ms */
                            receiptDelayJitterMs: number;
                            /** @description delay before a delivery receipt (ms) */
                            receiptDelayMs: number;
                            /**
                             * @description the PDU receipts travel in
                             * @enum {string}
                             */
                            receiptsAs: "deliver_sm" | "data_sm";
                            /** @description share of submit_sm refused (0..1) */
                            refuseRate: number;
                            /** @description command_status names → weights, e.g. {"ESME_RSYSERR":1,"ESME_RINVDSTADR":1} */
                            refuseStatuses: {
                                [key: string]: number;
                            };
                            /** @description extra random submit_sm_resp delay, 0..N ms */
                            submitLatencyJitterMs: number;
                            /** @description submit_sm_resp delay (ms) */
                            submitLatencyMs: number;
                            /** @description submits per second above which ESME_RTHROTTLED is answered; 0 = never */
                            throttleAbove: number;
                        };
                    };
                };
            };
        };
        /** Change some of the simulator's knobs at once (omitted ones keep their values); answers all of them */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description share of submit_sm after which the connection is dropped before the answer */
                        disconnectRate?: number;
                        /** @description receipt err: code per stat word */
                        errorCodes?: {
                            [key: string]: string;
                        };
                        /** @description delay from delivery to the reply (ms) */
                        moDelayMs?: number;
                        /** @description share of delivered messages that get a reply */
                        moRate?: number;
                        /** @description number → replies, one per delivered message */
                        moScript?: {
                            [key: string]: string[];
                        };
                        /** @description canned replies, picked at random */
                        moTexts?: string[];
                        /** @description receipt stat word → share, e.g. {"DELIVRD":0.9,"UNDELIV":0.1} */
                        outcomes?: {
                            [key: string]: number;
                        };
                        /** @description deliver the receipt before answering the submit */
                        receiptBeforeResponse?: boolean;
                        /** @description extra random receipt delay, 0..N ms */
                        receiptDelayJitterMs?: number;
                        /** @description delay before a delivery receipt (ms) */
                        receiptDelayMs?: number;
                        /**
                         * @description the PDU receipts travel in
                         * @enum {string}
                         */
                        receiptsAs?: "deliver_sm" | "data_sm";
                        /** @description share of submit_sm refused (0..1) */
                        refuseRate?: number;
                        /** @description command_status names → weights, e.g. {"ESME_RSYSERR":1,"ESME_RINVDSTADR":1} */
                        refuseStatuses?: {
                            [key: string]: number;
                        };
                        /** @description extra random submit_sm_resp delay, 0..N ms */
                        submitLatencyJitterMs?: number;
                        /** @description submit_sm_resp delay (ms) */
                        submitLatencyMs?: number;
                        /** @description submits per second above which ESME_RTHROTTLED is answered; 0 = never */
                        throttleAbove?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description share of submit_sm after which the connection is dropped before the answer */
                            disconnectRate: number;
                            /** @description receipt err: code per stat word */
                            errorCodes: {
                                [key: string]: string;
                            };
                            /** @description delay from delivery to the reply (ms) */
                            moDelayMs: number;
                            /** @description share of delivered messages that get a reply */
                            moRate: number;
                            /** @description number → replies, one per delivered message */
                            moScript: {
                                [key: string]: string[];
                            };
                            /** @description canned replies, picked at random */
                            moTexts: string[];
                            /** @description receipt stat word → share, e.g. {"DELIVRD":0.9,"UNDELIV":0.1} */
                            outcomes: {
                                [key: string]: number;
                            };
                            /** @description deliver the receipt before answering the submit */
                            receiptBeforeResponse: boolean;
                            /** @description extra random receipt delay, 0..N ms */
                            receiptDelayJitterMs: number;
                            /** @description delay before a delivery receipt (ms) */
                            receiptDelayMs: number;
                            /**
                             * @description the PDU receipts travel in
                             * @enum {string}
                             */
                            receiptsAs: "deliver_sm" | "data_sm";
                            /** @description share of submit_sm refused (0..1) */
                            refuseRate: number;
                            /** @description command_status names → weights, e.g. {"ESME_RSYSERR":1,"ESME_RINVDSTADR":1} */
                            refuseStatuses: {
                                [key: string]: number;
                            };
                            /** @description extra random submit_sm_resp delay, 0..N ms */
                            submitLatencyJitterMs: number;
                            /** @description submit_sm_resp delay (ms) */
                            submitLatencyMs: number;
                            /** @description submits per second above which ESME_RTHROTTLED is answered; 0 = never */
                            throttleAbove: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/suppressions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The suppression list, newest first (numbers masked) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            suppressions: components["schemas"]["Suppression"][];
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Put a number on the suppression list (201 when added, 200 when it was already there) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the number as written: 090-1234-5678, +81 90 1234 5678 … */
                        phone: string;
                        /**
                         * @default opt_out
                         * @enum {string}
                         */
                        reason?: "opt_out" | "wrong_person" | "complaint" | "other";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: boolean;
                            createdAt: string;
                            /** @description keyed hash of the number; also the inbox conversation id */
                            id: string;
                            /** @description masked, e.g. 090-****-5678 */
                            phone: string;
                            /** @enum {string} */
                            reason: "opt_out" | "wrong_person" | "complaint" | "other";
                            /**
                             * @description 'reply' (the person asked) or 'operator'
                             * @enum {string}
                             */
                            source: "reply" | "operator";
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: boolean;
                            createdAt: string;
                            /** @description keyed hash of the number; also the inbox conversation id */
                            id: string;
                            /** @description masked, e.g. 090-****-5678 */
                            phone: string;
                            /** @enum {string} */
                            reason: "opt_out" | "wrong_person" | "complaint" | "other";
                            /**
                             * @description 'reply' (the person asked) or 'operator'
                             * @enum {string}
                             */
                            source: "reply" | "operator";
                        };
                    };
                };
            };
        };
        /** Take a number off the suppression list, by the number (in the body, not the URL) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the number as written: 090-1234-5678, +81 90 1234 5678 … */
                        phone: string;
                    };
                };
            };
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/suppressions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take a number off the suppression list, by its id */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Saved templates */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            templates: {
                                body: string;
                                fields: string[];
                                id: number;
                                name: string;
                                /** @enum {string} */
                                noticeKind: "first" | "reminder" | "final";
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a saved template */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a saved template against a campaign's columns, and the wording lint */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description campaign id or name */
                        campaign: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            lint: {
                                message: string;
                                message_en: string;
                                rule: string;
                                severity: string;
                                suggestion: string;
                                suggestion_en: string;
                            }[];
                            missingColumns: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Save a template (by name) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        /**
                         * @default first
                         * @enum {string}
                         */
                        noticeKind?: "first" | "reminder" | "final";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            body: string;
                            fields: string[];
                            id: number;
                            name: string;
                            /** @enum {string} */
                            noticeKind: "first" | "reminder" | "final";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List people who can log in */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            users: {
                                createdAt: string;
                                disabled: boolean;
                                displayName: string;
                                id: number;
                                lastLoginAt: string | null;
                                login: string;
                                mustChangePassword: boolean;
                                /** @enum {string} */
                                role: "admin" | "approver" | "operator" | "viewer";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a person; without a password, a one-time password is generated and returned once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string;
                        /** @description email address or login name */
                        login: string;
                        password?: string;
                        /**
                         * @default operator
                         * @enum {string}
                         */
                        role?: "admin" | "approver" | "operator" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description shown only in this answer; must be changed at first login */
                            oneTimePassword: string | null;
                            user: {
                                createdAt: string;
                                disabled: boolean;
                                displayName: string;
                                id: number;
                                lastLoginAt: string | null;
                                login: string;
                                mustChangePassword: boolean;
                                /** @enum {string} */
                                role: "admin" | "approver" | "operator" | "viewer";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a person */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            disabled: boolean;
                            displayName: string;
                            id: number;
                            lastLoginAt: string | null;
                            login: string;
                            mustChangePassword: boolean;
                            /** @enum {string} */
                            role: "admin" | "approver" | "operator" | "viewer";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change role, display name or disabled (disabling ends their sessions; the last active administrator stays) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        disabled?: boolean;
                        displayName?: string;
                        /** @enum {string} */
                        role?: "admin" | "approver" | "operator" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            disabled: boolean;
                            displayName: string;
                            id: number;
                            lastLoginAt: string | null;
                            login: string;
                            mustChangePassword: boolean;
                            /** @enum {string} */
                            role: "admin" | "approver" | "operator" | "viewer";
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/users/{id}/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a new one-time password (returned once); ends their sessions and lifts a login lock */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description shown only in this answer; must be changed at first login */
                            oneTimePassword: string | null;
                            user: {
                                createdAt: string;
                                disabled: boolean;
                                displayName: string;
                                id: number;
                                lastLoginAt: string | null;
                                login: string;
                                mustChangePassword: boolean;
                                /** @enum {string} */
                                role: "admin" | "approver" | "operator" | "viewer";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook subscriptions (never their secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            webhooks: {
                                createdAt: string;
                                description: string | null;
                                enabled: boolean;
                                events: string[];
                                id: number;
                                /** @description after a rotation the old secret also signs until then */
                                previousSecretUntil: string | null;
                                secretRotatedAt: string | null;
                                updatedAt: string;
                                url: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Subscribe a URL to events; the signing secret is in this answer only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default null */
                        description?: string | null;
                        /** @default true */
                        enabled?: boolean;
                        /** @description what to send: message.status, message.reply, campaign.completed, survey.answered, payment.succeeded, promise.created */
                        events: ("message.status" | "message.reply" | "campaign.completed" | "survey.answered" | "payment.succeeded" | "promise.created")[];
                        /** @description https:// to a public host (internal hosts and http:// only when listed in TODOKU_WEBHOOK_ALLOW_HOSTS) */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            description: string | null;
                            enabled: boolean;
                            events: string[];
                            id: number;
                            /** @description after a rotation the old secret also signs until then */
                            previousSecretUntil: string | null;
                            /** @description the signing secret (whsec_…): shown in this answer only */
                            secret: string;
                            secretRotatedAt: string | null;
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a webhook subscription with its deliveries counted by status */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            deliveries: {
                                [key: string]: number;
                            };
                            description: string | null;
                            enabled: boolean;
                            events: string[];
                            id: number;
                            /** @description after a rotation the old secret also signs until then */
                            previousSecretUntil: string | null;
                            secretRotatedAt: string | null;
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a subscription and its delivery log */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a subscription: URL, events, description, enabled (disabled: deliveries wait) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        enabled?: boolean;
                        /** @description what to send: message.status, message.reply, campaign.completed, survey.answered, payment.succeeded, promise.created */
                        events?: ("message.status" | "message.reply" | "campaign.completed" | "survey.answered" | "payment.succeeded" | "promise.created")[];
                        /** @description https:// to a public host (internal hosts and http:// only when listed in TODOKU_WEBHOOK_ALLOW_HOSTS) */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            description: string | null;
                            enabled: boolean;
                            events: string[];
                            id: number;
                            /** @description after a rotation the old secret also signs until then */
                            previousSecretUntil: string | null;
                            secretRotatedAt: string | null;
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log, newest first: status, attempts, last response code and error, each attempt */
        get: {
            parameters: {
                query?: {
                    /** @description page: deliveries with a smaller id */
                    before?: number;
                    limit?: number;
                    status?: "pending" | "delivering" | "delivered" | "failed";
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deliveries: {
                                attempts: number;
                                createdAt: string;
                                deliveredAt: string | null;
                                eventId: number;
                                eventType: string;
                                id: number;
                                lastAttemptAt: string | null;
                                lastError: string | null;
                                lastStatusCode: number | null;
                                log: {
                                    at: string;
                                    attempt: number;
                                    durationMs: number;
                                    error: string | null;
                                    statusCode: number | null;
                                }[];
                                nextAttemptAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "delivering" | "delivered" | "failed";
                                subscriptionId: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret (in this answer only); the old one keeps signing alongside it for graceSeconds */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 86400 */
                        graceSeconds?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            description: string | null;
                            enabled: boolean;
                            events: string[];
                            id: number;
                            /** @description after a rotation the old secret also signs until then */
                            previousSecretUntil: string | null;
                            /** @description the signing secret (whsec_…): shown in this answer only */
                            secret: string;
                            secretRotatedAt: string | null;
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/deliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery with every attempt */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            createdAt: string;
                            deliveredAt: string | null;
                            eventId: number;
                            eventType: string;
                            id: number;
                            lastAttemptAt: string | null;
                            lastError: string | null;
                            lastStatusCode: number | null;
                            log: {
                                at: string;
                                attempt: number;
                                durationMs: number;
                                error: string | null;
                                statusCode: number | null;
                            }[];
                            nextAttemptAt: string | null;
                            /** @enum {string} */
                            status: "pending" | "delivering" | "delivered" | "failed";
                            subscriptionId: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again now (a failed one gets one more attempt; a delivered one is sent again) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            createdAt: string;
                            deliveredAt: string | null;
                            eventId: number;
                            eventType: string;
                            id: number;
                            lastAttemptAt: string | null;
                            lastError: string | null;
                            lastStatusCode: number | null;
                            log: {
                                at: string;
                                attempt: number;
                                durationMs: number;
                                error: string | null;
                                statusCode: number | null;
                            }[];
                            nextAttemptAt: string | null;
                            /** @enum {string} */
                            status: "pending" | "delivering" | "delivered" | "failed";
                            subscriptionId: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiKey: {
            createdAt: string;
            id: number;
            lastUsedAt: string | null;
            name: string;
            prefix: string;
            revokedAt: string | null;
            /** @enum {string} */
            role: "admin" | "approver" | "operator" | "viewer";
        };
        ApprovalDecision: {
            request: components["schemas"]["ApprovalRequest"];
            send: {
                campaign?: components["schemas"]["Campaign"];
                /** @description why the send did not start; the approval stands and the send can be retried */
                error?: {
                    code: string;
                    message: string;
                    message_en: string;
                };
                queued?: number;
                /** @description approving started the send (or the schedule) as requested */
                started: boolean;
            } | null;
        };
        ApprovalRequest: {
            /** @description checked now: the campaign is as it was when asked for (null: not checked, the request is closed) */
            applies: boolean | null;
            campaignId: number;
            campaignName: string;
            comment: string | null;
            decidedAt: string | null;
            decidedBy: {
                id: number;
                /** @enum {string} */
                kind: "user" | "apikey";
                /** @description a person's display name (or login), or the API key's name */
                name: string;
            } | null;
            id: number;
            /**
             * @description now: send when approved; schedule: put on schedule for scheduledAt
             * @enum {string}
             */
            kind: "now" | "schedule";
            note: string | null;
            /** @description the caller made this request (and so may not decide it) */
            own: boolean;
            recipients: number;
            requestedAt: string;
            requestedBy: {
                id: number;
                /** @enum {string} */
                kind: "user" | "apikey";
                /** @description a person's display name (or login), or the API key's name */
                name: string;
            };
            scheduledAt: string | null;
            /** @description when the approval started the send or the schedule */
            sentAt: string | null;
            /**
             * @description pending 承認待ち | approved 承認済み | rejected 差戻し | withdrawn 取下げ | stale 無効（内容が変更された）
             * @enum {string}
             */
            status: "pending" | "approved" | "rejected" | "withdrawn" | "stale";
            totalParts: number;
        };
        ApprovalRequestDetail: {
            campaign: components["schemas"]["Campaign"];
            request: components["schemas"]["ApprovalRequest"];
        };
        ApprovalRequestList: {
            pending: number;
            requests: components["schemas"]["ApprovalRequest"][];
        };
        AuditEntry: {
            action: string;
            actor: string;
            at: string;
            details: unknown | null;
            id: number;
            /** @description what happened, in words: 「山田 が 2026年12月 督促 を送信開始（26名）」 */
            sentence: {
                en: string;
                ja: string;
            };
            target: string | null;
        };
        BankFileImport: {
            counts: {
                duplicate: number;
                matched: number;
                over: number;
                partial: number;
                refused: number;
                skipped: number;
                unmatched: number;
            };
            fileSha256: string;
            /** @enum {string} */
            format: "zengin01" | "zengin03" | "csv";
            rows: {
                message: string | null;
                message_en: string | null;
                /** @enum {string} */
                outcome: "matched" | "unmatched" | "duplicate" | "refused" | "skipped";
                record: number;
                transfer: components["schemas"]["BankTransfer"] | null;
            }[];
        };
        BankTransfer: {
            accountNumber: string;
            /** @description 預金種目: 1 普通, 2 当座, 4 貯蓄 */
            accountType: string;
            amount: number;
            balance: ("exact" | "partial" | "over" | "unknown") | null;
            bankCode: string;
            /** @description from zengin-code; null when the code is unknown */
            bankName: string | null;
            branchCode: string;
            branchName: string | null;
            campaignId: number | null;
            /** @description message ids the rules could not choose between */
            candidates: number[];
            description: string;
            duplicateOf: number | null;
            edi: string;
            /** @enum {string} */
            format: "zengin01" | "zengin03" | "csv";
            id: number;
            importedAt: string;
            /** @description 照会番号 (for a CSV row without one: 'csv-' and a keyed hash of the row) */
            inquiry: string;
            messageId: number | null;
            /** @description what was still owed before this credit */
            owed: number | null;
            payerCode: string;
            /** @description 振込依頼人名 as the bank wrote it */
            payerName: string;
            reason: ("no_candidate" | "ambiguous_customer_number" | "ambiguous_name" | "amount_differs" | "already_paid" | "duplicate") | null;
            reasonText: {
                en: string;
                ja: string;
            } | null;
            /** @description record number (fixed width) or line (CSV) in its file */
            record: number;
            /** @description owed after it: > 0 still owed (a part payment), < 0 paid over */
            remaining: number | null;
            remitBank: string;
            remitBranch: string;
            resolvedAt: string | null;
            resolvedBy: string | null;
            /** @description how it was matched: customer number, kana name, or by an operator */
            rule: ("customer_number" | "kana_name" | "operator") | null;
            /** @enum {string} */
            state: "matched" | "unmatched" | "not_ours" | "duplicate";
            stateText: {
                en: string;
                ja: string;
            };
            /** @description 勘定日 YYYY-MM-DD */
            valueDate: string;
        };
        Cadence: {
            campaignId: number;
            campaignName: string;
            completedAt: string | null;
            createdAt: string;
            createdBy: string;
            definition: components["schemas"]["CadenceDefinition"];
            /** @description days of grace after a promised date in force (the definition's, else the campaign's self-service setting) */
            graceDays: number;
            /** @description people who left, by reason */
            left: {
                disputed: number;
                not_me: number;
                operator: number;
                opted_out: number;
                paid: number;
                wrong_number: number;
            };
            members: {
                active: number;
                done: number;
                left: number;
                paused: number;
                total: number;
            };
            name: string;
            /** @description step 0: people still waiting for their first step */
            notStarted: number;
            pausedAt: string | null;
            startedAt: string | null;
            /** @enum {string} */
            state: "draft" | "running" | "paused" | "stopped" | "completed";
            stateText: {
                en: string;
                ja: string;
            };
            steps: {
                at: {
                    days: number;
                    /** @enum {string} */
                    from: "start" | "due" | "previous";
                    time?: string;
                };
                /** @description when, in words: 期日の3日前 10:00 */
                atText: {
                    en: string;
                    ja: string;
                };
                /** @description the funnel of this step */
                counts: {
                    /** @description people whose last step is this one and who are still in the cadence (active or paused) */
                    current: number;
                    delivered: number;
                    /** @description undeliverable, expired, rejected, failed or cancelled */
                    failed: number;
                    /** @description people who left while this was their last step, by reason */
                    left: {
                        disputed: number;
                        not_me: number;
                        operator: number;
                        opted_out: number;
                        paid: number;
                        wrong_number: number;
                    };
                    /** @description people who opened this step's link */
                    opened: number;
                    /** @description people who left as paid while this was their last step */
                    paid: number;
                    /** @description messages waiting to go (the contact policy may be holding them) */
                    queued: number;
                    /** @description people who reached this step (sent it or skipped it) */
                    reached: number;
                    /** @description handed to a carrier */
                    sent: number;
                    /** @description reached without a message: a condition not met, no due date, its time before the start */
                    skipped: number;
                    /** @description people who passed the identity check on this step's page */
                    verified: number;
                };
                name: string;
                /** @description markdown of this step's landing page; null: the campaign's page */
                notice: string | null;
                /** @description 1, 2 … */
                number: number;
                /** @description null: the campaign's own text again */
                template: string | null;
                when: ("not_opened" | "not_verified" | "not_paid" | "no_promise" | "promise_broken")[];
                /** @description the conditions in words: 未開封の人 … */
                whenText: {
                    en: string;
                    ja: string;
                }[];
            }[];
            stoppedAt: string | null;
            /** @description office time zone of the steps' times (the campaign's) */
            timeZone: string;
            updatedAt: string;
        };
        CadenceDefinition: {
            graceDays?: number;
            name: string;
            steps: {
                at: {
                    days: number;
                    /** @enum {string} */
                    from: "start" | "due" | "previous";
                    time?: string;
                };
                name: string;
                notice?: string;
                template?: string;
                when: ("not_opened" | "not_verified" | "not_paid" | "no_promise" | "promise_broken")[];
            }[];
            time: string;
        };
        CadenceDryRun: {
            now: string;
            people: {
                dueDate: string | null;
                /** @description why they would get nothing more ('promise': paused by an open promise until `at`) */
                exit: {
                    at: string | null;
                    /** @enum {string} */
                    reason: "paid" | "opted_out" | "disputed" | "not_me" | "wrong_number" | "operator" | "promise";
                    reasonText: {
                        en: string;
                        ja: string;
                    };
                } | null;
                line: number;
                name: string;
                recipientId: number;
                steps: {
                    /** @description when it goes (or went); the contact policy may move it later */
                    at: string | null;
                    /** @description true: its conditions are read when it is due and may change before then */
                    conditional: boolean;
                    name: string;
                    number: number;
                    /** @enum {string} */
                    outcome: "sent" | "planned" | "skipped" | "after_exit";
                    /** @description skipped: a skip reason (condition, no_due_date, before_start); after_exit: the exit reason */
                    reason: string | null;
                    reasonText: {
                        en: string;
                        ja: string;
                    } | null;
                }[];
            }[];
            /** @description the start the plan assumes (a running cadence: its real start) */
            startAt: string;
            /** @description the sample added up per step */
            steps: {
                afterExit: number;
                name: string;
                number: number;
                planned: number;
                sent: number;
                skipped: number;
            }[];
            timeZone: string;
            /** @description people on the list */
            total: number;
        };
        CadenceMember: {
            /** @description due_date as YYYY-MM-DD, null when the list has none (or it is not a date) */
            dueDate: string | null;
            /** @description the time of the fact that took them out (e.g. the payment) */
            leftAt: string | null;
            leftReason: ("paid" | "opted_out" | "disputed" | "not_me" | "wrong_number" | "operator") | null;
            leftReasonText: {
                en: string;
                ja: string;
            } | null;
            leftStep: number | null;
            /** @description the person's line in the imported list */
            line: number;
            /** @description the name column, or empty */
            name: string;
            /** @description when the scheduler looks at them next (their next step, or the end of a promise pause) */
            nextAt: string | null;
            pausedUntil: string | null;
            recipientId: number;
            skipped: {
                /** @enum {string} */
                reason: "condition" | "no_due_date" | "before_start";
                reasonText: {
                    en: string;
                    ja: string;
                };
                step: number;
            }[];
            /** @enum {string} */
            state: "active" | "paused" | "left" | "done";
            stateText: {
                en: string;
                ja: string;
            };
            /** @description last step reached; 0: none yet */
            step: number;
            stepAt: string | null;
            stepName: string | null;
        };
        CadenceMembers: {
            members: {
                /** @description due_date as YYYY-MM-DD, null when the list has none (or it is not a date) */
                dueDate: string | null;
                /** @description the time of the fact that took them out (e.g. the payment) */
                leftAt: string | null;
                leftReason: ("paid" | "opted_out" | "disputed" | "not_me" | "wrong_number" | "operator") | null;
                leftReasonText: {
                    en: string;
                    ja: string;
                } | null;
                leftStep: number | null;
                /** @description the person's line in the imported list */
                line: number;
                /** @description the name column, or empty */
                name: string;
                /** @description when the scheduler looks at them next (their next step, or the end of a promise pause) */
                nextAt: string | null;
                pausedUntil: string | null;
                recipientId: number;
                skipped: {
                    /** @enum {string} */
                    reason: "condition" | "no_due_date" | "before_start";
                    reasonText: {
                        en: string;
                        ja: string;
                    };
                    step: number;
                }[];
                /** @enum {string} */
                state: "active" | "paused" | "left" | "done";
                stateText: {
                    en: string;
                    ja: string;
                };
                /** @description last step reached; 0: none yet */
                step: number;
                stepAt: string | null;
                stepName: string | null;
            }[];
            /** @description pass as `after` for the next page */
            next: number | null;
        };
        CadenceTemplates: {
            templates: {
                definition: components["schemas"]["CadenceDefinition"];
                /** @enum {string} */
                id: "renotice_unopened";
                name: string;
                name_en: string;
            }[];
        };
        Campaign: {
            acceptedCount: number;
            archivedAt: string | null;
            columns: {
                field: string;
                header: string;
            }[];
            completedAt: string | null;
            counts: {
                [key: string]: number;
            };
            createdAt: string;
            encoding: string | null;
            formality: ("assignment" | "formal") | null;
            id: number;
            name: string;
            /** @enum {string} */
            noticeKind: "first" | "reminder" | "final";
            /** @enum {string} */
            policyPack: "jp_money_lending" | "us_fdcpa_reg_f" | "none";
            recipientActions?: {
                answered: number;
                downloaded: number;
                paid: number;
                paymentPending: number;
            };
            rejectedCount: number;
            routeProfile: string;
            scheduledAt: string | null;
            sender: string | null;
            sendRequestedAt: string | null;
            /** @enum {string} */
            status: "draft" | "scheduled" | "sending" | "paused" | "awaiting_receipts" | "completed" | "cancelled";
            template: string | null;
            timeZone: string;
        };
        CampaignApproval: {
            approvalRequired: boolean;
            latest: components["schemas"]["ApprovalRequest"] | null;
        };
        CancelResult: {
            alreadySubmitted: number;
            campaign: components["schemas"]["Campaign"];
            cancelled: number;
            note: string;
        };
        Certificate: {
            campaign: {
                formality: string | null;
                id: number;
                name: string;
                noticeKind: string;
            };
            contents: {
                commitment: string;
                content: string | null;
                /** @description null when the content is no longer kept */
                nonce: string | null;
                /** @enum {string} */
                role: "sms_text" | "recipient_number" | "template" | "landing_page" | "reply_text" | "survey_answers" | "payment_amount";
            }[];
            entries: {
                /** @description the leaf text exactly as hashed (canonical JSON) */
                leaf: string;
                leafHash: string;
                leafIndex: number;
                /** @description RFC 9162 inclusion proof against head.size */
                proof: string[];
            }[];
            head: {
                at: number;
                keyId: string;
                publicKeyPem: string;
                root: string;
                /** @description Ed25519 over the head text, base64 */
                signature: string;
                size: number;
                tsa: {
                    name: string;
                    time: number;
                    /** @description RFC 3161 TimeStampToken, DER, base64 */
                    token: string;
                    url: string | null;
                } | null;
            };
            /** @description epoch ms */
            issuedAt: number;
            messageId: number;
            recipient: {
                line: number | null;
                maskedNumber: string;
                name: string | null;
            };
            sender: {
                address: string | null;
                contactPhone: string | null;
                legalName: string | null;
                name: string;
                nameEn: string | null;
                officialLinkBases: string[];
                officialSenders: string[];
                registrationNumbers: string[];
                verifyUrl: string;
            };
            /** @description a test send to the organisation's own test number */
            test?: boolean;
            /** @enum {string} */
            timeSource: "tsa" | "installation";
            /** @constant */
            version: "todoku-certificate/1";
        };
        Consent: {
            /** @description the day consent was given, YYYY-MM-DD */
            date: string;
            /**
             * @description written 書面 | electronic 電子 | oral_record 口頭記録 | other その他
             * @enum {string}
             */
            method: "written" | "electronic" | "oral_record" | "other";
            /** @description how it was obtained, in the office's words */
            note: string | null;
        };
        DebtorAction: {
            /** @description yen (promise, optional) */
            amount: number | null;
            campaign: {
                id: number;
                name: string;
            };
            /** @description the inbox conversation of this number (GET /inbox/{id}) */
            conversationId: string | null;
            createdAt: string;
            id: number;
            /**
             * @description promise 支払いの約束 | instalment 分割払いの相談 | dispute 内容に心当たりがない | not_me 宛先の本人ではない
             * @enum {string}
             */
            kind: "promise" | "instalment" | "dispute" | "not_me";
            messageId: number;
            /** @description yen per month (instalment) */
            monthlyAmount: number | null;
            /** @description what the person wrote; null when nothing, and for a viewer */
            note: string | null;
            /** @description from the list (name, external_id); masked for a viewer */
            person: {
                customerNumber: string | null;
                name: string | null;
            };
            /** @description masked, e.g. 090-****-5678 */
            phone: string | null;
            /** @description YYYY-MM-DD (promise) */
            promisedDate: string | null;
            recipientId: number;
            /** @description the operator's note on the review; null for a viewer */
            resolutionNote: string | null;
            resolvedAt: string | null;
            resolvedBy: string | null;
            /**
             * @description open until kept / broken (promises, by rule), resolved / dismissed (an operator), or superseded by a newer promise
             * @enum {string}
             */
            state: "open" | "kept" | "broken" | "resolved" | "dismissed" | "superseded";
        };
        DebtorActionList: {
            actions: components["schemas"]["DebtorAction"][];
            /** @description open requests per kind */
            open: {
                dispute: number;
                instalment: number;
                not_me: number;
                promise: number;
            };
            total: number;
        };
        DebtSearch: {
            people: {
                amount: number | null;
                campaignId: number;
                campaignName: string;
                customerNumber: string;
                kana: string;
                messageId: number;
                name: string;
                owed: number | null;
                paid: boolean;
            }[];
        };
        EvidenceStatus: {
            clock: {
                limitMs: number;
                measured: {
                    /** @description ISO 8601 */
                    at: string;
                    /** @description Japan time to the second, as certificates write it */
                    jst: string;
                } | null;
                /** @description null when never measured */
                ok: boolean | null;
                /** @description local clock minus the TSA's at the last stamp; null before any */
                skewMs: number | null;
            };
            entries: {
                /** @description sequenced: given their place in the Merkle tree */
                inTree: number;
                oldestWaiting: {
                    ageSeconds: number;
                    /** @description ISO 8601 */
                    at: string;
                    /** @description Japan time to the second, as certificates write it */
                    jst: string;
                } | null;
                /** @description in the tree and waiting */
                recorded: number;
                /** @description recorded, waiting for the sequencer (a few seconds at most while the worker runs) */
                waiting: number;
            };
            heads: {
                stamped: number;
                total: number;
                unstampedSinceLastStamp: number;
            };
            key: {
                keyId: string;
                publicKeyPem: string;
            };
            latestHead: {
                id: number;
                keyId: string;
                reason: string;
                root: string;
                signed: {
                    /** @description ISO 8601 */
                    at: string;
                    /** @description Japan time to the second, as certificates write it */
                    jst: string;
                };
                size: number;
                stamped: boolean;
                /** @description null when the head was signed without asking a TSA */
                tsa: {
                    host: string | null;
                    /** @description the TSA's name as its token gives it; null when the token cannot be read */
                    name: string | null;
                    time: {
                        /** @description ISO 8601 */
                        at: string;
                        /** @description Japan time to the second, as certificates write it */
                        jst: string;
                    } | null;
                    url: string | null;
                } | null;
            } | null;
            retentionYears: number;
            timeSource: {
                /** @enum {string} */
                kind: "tsa" | "installation";
                statement: {
                    en: string;
                    ja: string;
                };
                tsaHost: string | null;
                tsaUrl: string | null;
            };
            verifyRunning: boolean;
        };
        EvidenceVerifyReport: {
            durationMs: number;
            /** @description entries checked (in the tree) */
            entries: number;
            /** @description the first thing that does not hold, in the log’s own order */
            failure: {
                en: string;
                ja: string;
                where: {
                    leafIndex: number;
                } | {
                    headId: number;
                } | {
                    node: {
                        idx: number;
                        level: number;
                    };
                } | {
                    /** @constant */
                    state: true;
                };
            } | null;
            heads: number;
            lastHead: {
                /** @description ISO 8601 */
                at: string;
                /** @description Japan time to the second, as certificates write it */
                jst: string;
            } | null;
            ok: boolean;
            /** @description waiting for the sequencer, not yet checked */
            pending: number;
            stampedHeads: number;
        };
        ImportResult: {
            accepted: number;
            byReason: {
                [key: string]: number;
            };
            campaignId: number;
            columns: {
                field: string;
                header: string;
            }[];
            encoding: string;
            rejected: number;
            reportUrl: string;
            rows: number;
            warnings: {
                code: string;
                columns: number[];
                message: string;
                message_en: string;
            }[];
        };
        Message: {
            attempts: number;
            carrierState: string | null;
            deliveredAt: string | null;
            errorCode: string | null;
            errorReason: string | null;
            finalAt: string | null;
            id: number;
            /**
             * @description 'test': a test send to the organisation's own number (テスト送信), not counted in the figures
             * @enum {string}
             */
            kind: "campaign" | "reply" | "confirmation" | "test" | "promise_confirmation" | "step";
            line: number | null;
            nextAttemptAt: string | null;
            parts: number | null;
            route: string | null;
            smscId: string | null;
            /** @enum {string} */
            state: "queued" | "submitting" | "unconfirmed" | "submitted" | "delivered" | "undeliverable" | "expired" | "rejected" | "failed" | "cancelled" | "unknown";
            submittedAt: string | null;
            text: string | null;
            /** @description the recipient's number; a test send's: the organisation's test number */
            to: string | null;
        };
        MessagePayment: {
            /** @description what is owed (null: no payment yet and no amount on the list) */
            amount: number | null;
            marks: components["schemas"]["PaymentMark"][];
            messageId: number;
            /** @description received in total */
            paidAmount: number;
            paidAt: string | null;
            /** @description how it became paid: a card provider, 'bank_transfer' or 'operator' */
            provider: string | null;
            /** @enum {string} */
            state: "unpaid" | "pending" | "paid" | "cancelled" | "expired";
        };
        MisdeliveredNumber: {
            campaign: {
                id: number;
                name: string;
            };
            id: number;
            messageId: number;
            /** @description masked, e.g. 090-****-5678 */
            phone: string | null;
            reportedAt: string;
        };
        MisdeliveredNumberList: {
            numbers: components["schemas"]["MisdeliveredNumber"][];
            total: number;
        };
        PaymentMark: {
            actor: string;
            /** @description yen received in this entry */
            amount: number;
            campaignId: number;
            createdAt: string;
            id: number;
            messageId: number;
            /** @enum {string} */
            method: "counter" | "cash" | "transfer" | "other";
            /** @description 窓口入金 / Paid at the counter … */
            methodText: {
                en: string;
                ja: string;
            };
            /** @description the operator's note; null when none, and for a viewer */
            note: string | null;
            overpayment: boolean;
            /** @description when the money came in */
            paidAt: string;
        };
        PaymentMarkResult: {
            /** @enum {string} */
            balance: "exact" | "partial" | "over" | "unknown";
            becamePaid: boolean;
            mark: components["schemas"]["PaymentMark"];
            /** @description what was still owed before this entry */
            owedBefore: number | null;
            /** @description received in total after it */
            received: number;
            /** @description > 0 still owed (a part payment), 0 paid, < 0 paid over; null when the list has no amount */
            remaining: number | null;
            /** @enum {string} */
            state: "unpaid" | "pending" | "paid" | "cancelled" | "expired";
        };
        Preview: {
            /** @description what refuses the send besides rows and wording, e.g. {{url}} with no recipient page (TODOKU_E_LANDING_REQUIRED) */
            blockers: {
                code: string;
                message: string;
                message_en: string;
            }[];
            /** @description the rows that cannot be filled, once per column, counted over every row */
            columnIssues: {
                count: number;
                field?: string;
                /** @description the CSV header as written; null when the list has no such column */
                header: string | null;
                /** @description the first 20 lines */
                lines: number[];
                /** @enum {string} */
                reason: "missing" | "empty" | "invalid" | "too_long";
            }[];
            /** @description the list's columns as its header row names them */
            headers: string[];
            issues: {
                field?: string;
                line: number;
                /** @enum {string} */
                reason: "missing" | "empty" | "invalid" | "too_long";
            }[];
            lint: {
                message: string;
                message_en: string;
                /** @enum {string} */
                rule: "no_sender_name" | "legal_threat_first_notice" | "urgency_pressure" | "foreign_link" | "personal_data_in_body" | "shouting";
                /** @enum {string} */
                severity: "warning" | "block";
                span?: {
                    end: number;
                    start: number;
                };
                suggestion: string;
                suggestion_en: string;
            }[];
            longest: {
                characters: number;
                line: number;
                parts: number;
            } | null;
            /** @description merge fields the campaign has no column for */
            missingColumns: string[];
            recipients: number;
            rowsWithIssues: number;
            samples: {
                characters: number;
                encoding: string;
                /** @enum {string} */
                kind: "first" | "random" | "longest";
                line: number;
                parts: number;
                text: string;
            }[];
            totalParts: number;
        };
        ReceivedPage: {
            received: {
                dataCoding: number;
                from: string;
                /** @description the stat word of its receipt (DELIVRD, UNDELIV …) */
                outcome?: string;
                parts: number;
                receivedAt: string;
                smscId: string;
                systemId: string;
                /** @description null for viewer keys, as in the message views */
                text: string | null;
                /** @description masked (090-****-5678) for viewer keys */
                to: string;
            }[];
            total: number;
        };
        RecipientPage: {
            offset: number;
            recipients: components["schemas"]["RecipientRow"][];
            total: number;
        };
        RecipientRow: {
            /** @description prior consent to notices by SMS, as recorded (null: none) */
            consent: components["schemas"]["Consent"] | null;
            fields: {
                [key: string]: string;
            };
            id: number;
            /** @description line in the imported file */
            line: number;
            /** @description E.164 */
            phone: string;
        };
        RecipientsRemoved: {
            lines: number[];
            removed: number;
        };
        ResendUnknownResult: {
            messages: {
                /** @description the unknown message */
                from: number;
                /** @description its new message */
                to: number;
            }[];
            resent: number;
        };
        SelfServiceSettings: {
            /** @description 「内容に心当たりがない」 offered */
            dispute: boolean;
            /** @description 「分割払いを相談したい」 offered */
            instalment: boolean;
            /** @description 「私は宛先の本人ではありません」 offered (also before the identity check) */
            notMe: boolean;
            /** @description 「支払いを約束する」 offered */
            promise: boolean;
            /** @description days after the promised date before a promise without payment is broken (default 3) */
            promiseGraceDays: number;
            /** @description the latest promised date, in days from today (default 30) */
            promiseMaxDays: number;
        };
        SelfServiceSettingsInput: {
            /** @description 「内容に心当たりがない」 offered */
            dispute: boolean;
            /** @description 「分割払いを相談したい」 offered */
            instalment: boolean;
            /** @description 「私は宛先の本人ではありません」 offered (also before the identity check) */
            notMe: boolean;
            /** @description 「支払いを約束する」 offered */
            promise: boolean;
            /** @description days after the promised date before a promise without payment is broken (default 3) */
            promiseGraceDays: number;
            /** @description the latest promised date, in days from today (default 30) */
            promiseMaxDays: number;
        };
        SendingSettings: {
            /** @description sends and schedules need an approver’s approval first */
            approvalRequired: boolean;
            /** @description the organisation’s own phones for test sends, E.164 */
            testNumbers: string[];
        };
        SendResult: {
            campaign: components["schemas"]["Campaign"];
            queued: number;
            recipients: number;
            totalParts: number;
        };
        Suppression: {
            createdAt: string;
            /** @description keyed hash of the number; also the inbox conversation id */
            id: string;
            /** @description masked, e.g. 090-****-5678 */
            phone: string;
            /** @enum {string} */
            reason: "opt_out" | "wrong_person" | "complaint" | "other";
            /**
             * @description 'reply' (the person asked) or 'operator'
             * @enum {string}
             */
            source: "reply" | "operator";
        };
        TestSendResult: {
            line: number;
            messages: {
                id: number;
                to: string;
            }[];
            parts: number;
            /** @description the text as sent (the contact policy’s opt-out line, if any, is added when sent) */
            text: string;
        };
        UnmatchedTransfers: {
            counts: {
                duplicate: number;
                matched: number;
                not_ours: number;
                unmatched: number;
            };
            next: number | null;
            transfers: components["schemas"]["BankTransfer"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
