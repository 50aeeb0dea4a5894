package dev.bosun.api;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.bosun.BosunProperties;
import dev.bosun.agent.TerminalLogs;
import dev.bosun.team.Member;
import dev.bosun.team.Roster;

/**
 * {@code /api/members}: the team's members and each one's terminal log, which {@code bosun logs}
 * and the panes of {@code bosun attach} follow by polling with the offset of the last answer.
 */
@RestController
@RequestMapping("/api/members")
class MemberController {

    /** Where the returned bytes begin: the offset asked for, or 0 when the log shrank (truncated or replaced). */
    static final String START_HEADER = "X-Bosun-Log-Start";
    /** The offset to ask for next. */
    static final String OFFSET_HEADER = "X-Bosun-Log-Offset";
    /** The log's size when it was read. */
    static final String SIZE_HEADER = "X-Bosun-Log-Size";
    /**
     * Only on an answer that starts over (start 0 for a later offset) after the log was rotated:
     * the name of the newest rotated file, where the rest of what the reader followed now lives.
     */
    static final String ROTATED_HEADER = "X-Bosun-Log-Rotated";

    record MemberJson(String name, String role, String roleType, String reportsTo) {
        static MemberJson of(Member member) {
            return new MemberJson(
                    member.name(), member.role().name(), member.role().type().yamlName(), member.reportsTo());
        }
    }

    private final Roster roster;
    private final TerminalLogs logs;

    MemberController(Roster roster, BosunProperties properties) {
        this.roster = roster;
        this.logs = new TerminalLogs(properties.logsDir());
    }

    @GetMapping
    List<MemberJson> list() {
        return roster.members().stream().map(MemberJson::of).toList();
    }

    @GetMapping("/{member}")
    MemberJson show(@PathVariable String member) {
        return MemberJson.of(known(member));
    }

    /**
     * The raw bytes of the member's terminal log from {@code offset}, at most {@code limit} (and
     * never more than {@link TerminalLogs#MAX_CHUNK}). A member without a log yet has an empty one.
     * An offset past the end (the log was rotated, truncated or replaced) is not an error: the
     * answer starts at 0 of the file there is now, and names the rotated file if there is one.
     * Only roster names reach the file system, so no path can be smuggled in.
     */
    @GetMapping("/{member}/log")
    ResponseEntity<byte[]> log(
            @PathVariable String member,
            @RequestParam(required = false) String offset,
            @RequestParam(required = false) String limit) {
        long from = nonNegative("offset", offset, 0);
        int max = (int) Math.min(nonNegative("limit", limit, TerminalLogs.MAX_CHUNK), TerminalLogs.MAX_CHUNK);
        TerminalLogs.Chunk chunk = logs.read(known(member).name(), from, max);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(START_HEADER, Long.toString(chunk.start()))
                .header(OFFSET_HEADER, Long.toString(chunk.next()))
                .header(SIZE_HEADER, Long.toString(chunk.size()));
        if (chunk.rotated() != null) {
            answer.header(ROTATED_HEADER, chunk.rotated());
        }
        return answer.body(chunk.bytes());
    }

    private Member known(String name) {
        return roster.member(name)
                .orElseThrow(() -> new NotFoundException("no member '" + name + "' in the team; members: "
                        + roster.members().stream().map(Member::name).collect(Collectors.joining(", "))));
    }

    /** Read as text so "abc" is our 400 naming the parameter, not Spring's type-mismatch page. */
    private static long nonNegative(String name, String text, long fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like a negative number
        }
        throw new BadRequestException(name, name + " must be a whole number of bytes from 0, got '" + text + "'");
    }
}
