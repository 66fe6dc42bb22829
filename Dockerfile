# Teller's chat server, built from this repository (docker-compose.yml runs two of it).
# The build needs Node.js for the customer widget, taken from the official Node.js image.
FROM node:22-bookworm-slim AS node

FROM maven:3.9-eclipse-temurin-21 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s /usr/local/lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
WORKDIR /src
COPY . .
# The build trains the shipped intents model and indexes the shipped articles into the jars (a few minutes).
RUN mvn -B -q -DskipTests -Dspotless.check.skip=true package

FROM eclipse-temurin:21-jdk
RUN useradd --create-home --uid 10001 teller
COPY --from=build /src/bot-server/target/bot-server.jar /app/bot-server.jar
USER teller
WORKDIR /home/teller
RUN mkdir -p /home/teller/.local/share/teller/articles
EXPOSE 8080
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "-XX:MaxRAMPercentage=75", "-jar", "/app/bot-server.jar"]
