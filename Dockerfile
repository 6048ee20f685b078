# Production image: builds the server and the web app, then runs the server alone.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY db/package.json db/
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app /app
USER node
EXPOSE 3000
# The flags of npm start (package.json): a 4 MiB young generation and a 1.5 GB heap ceiling, both
# chosen by measurement (scripts/bench/README.md).
CMD ["node", "--max-semi-space-size=4", "--max-old-space-size=1536", "server/dist/main.js"]
