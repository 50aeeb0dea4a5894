package dev.bosun.cockpit;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The plugin's data, under {@code /camunda/api/cockpit/plugin/bosun-finished-work/{engine}/}:
 * {@code instances} (query parameters {@code id}, {@code title}, {@code member}, {@code status},
 * {@code from}, {@code to}) and {@code instances/{processInstanceId}/timeline}. Cockpit's
 * security filter lets only a user logged in to that engine reach these paths. Jersey makes this
 * class, not Spring: it finds {@link FinishedWork} in the Spring context of its servlet context.
 */
@Path("plugin/" + FinishedWorkPlugin.ID)
public class FinishedWorkResource extends AbstractCockpitPluginRootResource {

    public FinishedWorkResource() {
        super(FinishedWorkPlugin.ID);
    }

    @GET
    @Path("{engine}/instances")
    @Produces(MediaType.APPLICATION_JSON)
    public Response instances(
            @PathParam("engine") String engine,
            @QueryParam("id") @Nullable String id,
            @QueryParam("title") @Nullable String title,
            @QueryParam("member") @Nullable String member,
            @QueryParam("status") @Nullable String status,
            @QueryParam("from") @Nullable String from,
            @QueryParam("to") @Nullable String to) {
        FinishedWork work = bean(FinishedWork.class);
        if (!work.engineName().equals(engine)) {
            return error(Response.Status.NOT_FOUND, "no engine '" + engine + "' here");
        }
        FinishedWorkFilter filter;
        try {
            filter = FinishedWorkFilter.parse(id, title, member, status, from, to);
        } catch (IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        return json(Map.of("instances", work.list(filter)));
    }

    @GET
    @Path("{engine}/instances/{processInstanceId}/timeline")
    @Produces(MediaType.APPLICATION_JSON)
    public Response timeline(
            @PathParam("engine") String engine, @PathParam("processInstanceId") String processInstanceId) {
        FinishedWork work = bean(FinishedWork.class);
        if (!work.engineName().equals(engine)) {
            return error(Response.Status.NOT_FOUND, "no engine '" + engine + "' here");
        }
        return work.timeline(processInstanceId)
                .map(this::json)
                .orElseGet(() -> error(
                        Response.Status.NOT_FOUND,
                        "no finished task or plan with process instance id '" + processInstanceId + "'"));
    }

    private <T> T bean(Class<T> type) {
        WebApplicationContext spring = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
        return spring.getBean(type);
    }

    private Response json(Object body) {
        return json(Response.Status.OK, body);
    }

    private Response json(Response.Status status, Object body) {
        try {
            return Response.status(status)
                    .entity(bean(ObjectMapper.class).writeValueAsString(body))
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the plugin's answer could not be written as JSON", e);
        }
    }

    private Response error(Response.Status status, @Nullable String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message == null ? status.getReasonPhrase() : message);
        return json(status, body);
    }
}
