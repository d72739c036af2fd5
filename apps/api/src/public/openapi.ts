/**
 * OpenAPI 3.1 description of the open-data API, written by hand to stay readable; query parameters
 * of the routes that validate with a zod object are generated from that object.
 */
import { UNRANKED_REASON_CODES } from '@most/domain';
import { compareQuerySchema } from './compare';
import { editionQuerySchema, trendsQuerySchema } from './query-schemas';
import { queryParameters } from './openapi-zod';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string) => ({ type: [type, 'null'] });

const fileContent = {
  'text/csv': { schema: { type: 'string' } },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
};
const errorResponses = {
  '404': { description: 'Не найдено', content: { 'application/json': { schema: ref('Error') } } },
  '429': {
    description: 'Слишком много запросов; см. заголовок Retry-After',
    headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Секунд до следующей попытки' } },
    content: { 'application/json': { schema: ref('Error') } },
  },
};

/** A required string path parameter (an edition's slug, an organization's code). */
const pathParameter = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
/** A 200 answer of one binary file type, beside the error answers. */
const binaryResponses = (description: string, mediaType: string) => ({
  '200': { description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } },
  ...errorResponses,
});

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Цифровой мост — открытые данные',
      version: '1.0.0',
      description:
        'Рейтинги официальных страниц органов власти и учреждений, методика, профили организаций и проверка «официальный ли это аккаунт». ' +
        'Без авторизации. Опубликованные выпуски неизменны и кэшируются (ETag, Cache-Control: immutable). Ограничение частоты запросов по IP: при превышении — 429 и Retry-After.',
      license: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
    },
    servers: [{ url: `${serverUrl}/api/public/v1` }],
    paths: {
      '/editions': {
        get: {
          operationId: 'listEditions',
          summary: 'Опубликованные выпуски рейтинга',
          responses: {
            '200': {
              description: 'Список, новые периоды первыми',
              content: { 'application/json': { schema: { type: 'object', properties: { editions: { type: 'array', items: ref('EditionSummary') } }, required: ['editions'] } } },
            },
            '429': errorResponses['429'],
          },
        },
      },
      '/editions/latest': {
        get: { operationId: 'latestEdition', summary: 'Перенаправление на последний выпуск', responses: { '302': { description: 'Location: /editions/{slug}' }, ...errorResponses } },
      },
      '/editions/{slug}': {
        get: {
          operationId: 'getEdition',
          summary: 'Выпуск рейтинга (JSON, CSV, CSV для Excel или XLSX)',
          description:
            'Фильтры пересчитывают места внутри выборки (равные баллы — одно место: 1, 2, 2, 4). Изменение к предыдущему выпуску считается только по критериям, которые есть в обеих версиях методики. CSV — UTF-8 с BOM, все строки без постраничной разбивки; у неранжированных строк колонки unranked_reason (код) и unranked_reason_text (причина по-русски). csv — стандартный CSV для программ (запятые, десятичная точка, английские заголовки); csv-excel — для Excel (точка с запятой, десятичная запятая, русские заголовки); xlsx — книга Excel с русскими заголовками, числа — числами.',
          parameters: [pathParameter('slug'), ...queryParameters(editionQuerySchema, { kind: 'Категория организаций', sector: 'Отрасль', municipality: 'Код муниципального образования' })],
          responses: {
            '200': {
              description: 'Выпуск',
              headers: { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } },
              content: { 'application/json': { schema: ref('EditionView') }, ...fileContent },
            },
            '304': { description: 'Не изменился (If-None-Match)' },
            ...errorResponses,
          },
        },
      },
      '/organizations/{code}': {
        get: {
          operationId: 'getOrganization',
          summary: 'Профиль организации: официальные аккаунты и история в рейтингах',
          parameters: [pathParameter('code')],
          responses: { '200': { description: 'Профиль', content: { 'application/json': { schema: ref('OrganizationProfile') } } }, ...errorResponses },
        },
      },
      '/organizations': {
        get: {
          operationId: 'searchOrganizations',
          summary: 'Поиск организации по названию и её официальные страницы',
          description: 'Без учёта регистра; сначала названия, которые начинаются с запроса. До 10 организаций.',
          parameters: [{ name: 'search', in: 'query', required: true, schema: { type: 'string', minLength: 2, maxLength: 100 } }],
          responses: {
            '200': {
              description: 'Найденные организации',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      organizations: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            code: { type: 'string' },
                            shortName: { type: 'string' },
                            fullName: { type: 'string' },
                            municipalityName: { type: ['string', 'null'] },
                            pages: { type: 'array', items: { type: 'object', properties: { network: { type: 'string' }, url: { type: 'string' } } } },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
            ...errorResponses,
          },
        },
      },
      '/editions/{slug}/insights': {
        get: {
          operationId: 'getEditionInsights',
          summary: 'Главные цифры выпуска: охват, доля ответов за 24 часа, медиана времени ответа, кто вырос и упал, муниципалитеты',
          description: 'Показатель без достаточных данных приходит как {status: "not_enough_data", code, text} с причиной. slug = latest — последний выпуск.',
          parameters: [pathParameter('slug')],
          responses: { '200': { description: 'Цифры выпуска', content: { 'application/json': { schema: { type: 'object' } } } }, ...errorResponses },
        },
      },
      '/organizations/{code}/trends': {
        get: {
          operationId: 'getOrganizationTrends',
          summary: 'Балл, место и доля ответов за 24 часа организации по выпускам или по месяцам рядом с медианой региона',
          description:
            'Каждая точка: key (код выпуска или месяц ГГГГ-ММ), title, periodStart, periodEnd, score, rank (у месяцев — null: по месяцам мест нет), rankedCount, regionMedianScore, sla и regionSla (доля ответов за 24 часа или {status: "not_enough_data", text}).',
          parameters: [pathParameter('code'), ...queryParameters(trendsQuerySchema)],
          responses: { '200': { description: 'Точки от старых к новым', content: { 'application/json': { schema: { type: 'object' } } } }, ...errorResponses },
        },
      },
      '/organizations/{code}/scorecard.pdf': {
        get: {
          operationId: 'getScorecard',
          summary: 'Карточка организации для печати (PDF, одна страница)',
          description: 'Балл и место в последнем выпуске, баллы по критериям, на чём основана оценка (какие страницы оценены, какие нет и почему), QR-код на страницу организации.',
          parameters: [pathParameter('code')],
          responses: binaryResponses('PDF', 'application/pdf'),
        },
      },
      '/editions/{slug}/preview.png': {
        get: {
          operationId: 'editionPreview',
          summary: 'Картинка для предпросмотра ссылки на выпуск (PNG 1200×630)',
          parameters: [pathParameter('slug')],
          responses: binaryResponses('PNG', 'image/png'),
        },
      },
      '/organizations/{code}/preview.png': {
        get: {
          operationId: 'organizationPreview',
          summary: 'Картинка для предпросмотра ссылки на организацию (PNG 1200×630)',
          parameters: [pathParameter('code')],
          responses: binaryResponses('PNG', 'image/png'),
        },
      },
      '/compare': {
        get: {
          operationId: 'compare',
          summary: 'Сравнение 2–5 организаций или муниципалитетов по каждому критерию выпуска',
          description:
            'Один маршрут для данных и файлов: format=json — столбцы и критерии для страницы сравнения (pageUrl — ссылка, которой можно поделиться); csv, csv-excel, xlsx — таблица «показатель × организация». Нужен ровно один из параметров organizations или municipalities; неизвестный код — 404 с его названием.',
          parameters: queryParameters(compareQuerySchema),
          responses: {
            '200': { description: 'Столбцы и критерии; неизмеренный критерий — {status: "not_measured", text}', content: { 'application/json': { schema: { type: 'object' } }, ...fileContent } },
            ...errorResponses,
          },
        },
      },
      '/methodology': {
        get: {
          operationId: 'listMethodologyVersions',
          summary: 'Версии методики с критериями, весами и порогами',
          responses: {
            '200': { description: 'Версии', content: { 'application/json': { schema: { type: 'object', properties: { versions: { type: 'array', items: ref('MethodologyVersion') } } } } } },
            '429': errorResponses['429'],
          },
        },
      },
      '/accounts/check': {
        get: {
          operationId: 'checkAccount',
          summary: 'Официальный ли это аккаунт?',
          description: 'Принимает любую форму адреса VK, OK или Telegram (m.vk.com, club123, @channel…).',
          parameters: [{ name: 'url', in: 'query', required: true, schema: { type: 'string', maxLength: 500 } }],
          responses: {
            '200': { description: 'Результат проверки', content: { 'application/json': { schema: ref('AccountCheck') } } },
            '400': { description: 'Нет параметра url', content: { 'application/json': { schema: ref('Error') } } },
            '429': errorResponses['429'],
          },
        },
      },
      '/feeds/editions.rss': {
        get: { operationId: 'editionsRss', summary: 'RSS 2.0 лента выпусков', responses: { '200': { description: 'RSS', content: { 'application/rss+xml': { schema: { type: 'string' } } } } } },
      },
      '/feeds/editions.atom': {
        get: { operationId: 'editionsAtom', summary: 'Atom лента выпусков', responses: { '200': { description: 'Atom', content: { 'application/atom+xml': { schema: { type: 'string' } } } } } },
      },
    },
    components: {
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' }, requestId: { type: 'string' } }, required: ['code', 'message'] },
          },
          required: ['error'],
        },
        EditionSummary: {
          type: 'object',
          properties: {
            slug: { type: 'string' },
            title: { type: 'string' },
            periodStart: { type: 'string', format: 'date' },
            periodEnd: { type: 'string', format: 'date' },
            methodologyVersion: { type: 'string' },
            previousEditionSlug: nullable('string'),
            publishedAt: { type: 'string', format: 'date-time' },
            url: { type: 'string', format: 'uri' },
            csvUrl: { type: 'string', format: 'uri' },
          },
          required: ['slug', 'title', 'periodStart', 'periodEnd', 'methodologyVersion', 'publishedAt'],
        },
        EditionRow: {
          type: 'object',
          properties: {
            rank: { ...nullable('integer'), description: 'Место в выборке; null — недостаточно данных' },
            overallRank: nullable('integer'),
            organizationCode: { type: 'string' },
            organizationName: { type: 'string' },
            kind: { type: 'string' },
            sector: { type: 'string' },
            municipalityCode: nullable('string'),
            municipalityName: nullable('string'),
            score: { ...nullable('number'), description: '0–100' },
            rankChange: { ...nullable('integer'), description: 'На сколько мест поднялась (+) или опустилась (−)' },
            scoreChange: nullable('number'),
            coverage: { type: 'object', properties: { accountsScored: { type: 'integer' }, accountsTotal: { type: 'integer' } } },
            sampleSize: {
              type: 'integer',
              description: 'Объём выборки: вопросы жителей за период с ответом или с истёкшим сроком ответа, по всем страницам организации (настоящее число и для неранжированных)',
            },
            unranked: {
              type: ['object', 'null'],
              description: 'Почему организация не ранжируется; null — ранжируется',
              properties: {
                code: {
                  type: 'string',
                  enum: [...UNRANKED_REASON_CODES],
                  description:
                    'no_accounts — нет официальных страниц; below_minimum_sample — вопросов меньше минимальной выборки методики, скорость ответов не оценивалась; low_coverage — измерено слишком мало критериев; not_enough_data — данных недостаточно (правила методики не найдены)',
                },
                text: { type: 'string', description: 'Причина по-русски' },
              },
              required: ['code', 'text'],
            },
            criteria: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, score: { type: 'number' } } } },
          },
          required: ['rank', 'organizationCode', 'organizationName', 'score', 'coverage', 'sampleSize', 'unranked'],
        },
        EditionView: {
          type: 'object',
          properties: {
            edition: ref('EditionSummary'),
            criteria: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, weight: { type: 'number' } } } },
            filters: { type: 'object', properties: { kind: nullable('string'), sector: nullable('string'), municipality: nullable('string') } },
            ranked: { type: 'object', properties: { total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' }, rows: { type: 'array', items: ref('EditionRow') } } },
            notEnoughData: { type: 'array', items: ref('EditionRow'), description: 'Не ранжируются' },
            embed: { type: 'object', properties: { url: { type: 'string' }, html: { type: 'string', description: 'Код для вставки на сайт' } } },
          },
          required: ['edition', 'ranked', 'notEnoughData', 'embed'],
        },
        OrganizationProfile: {
          type: 'object',
          properties: {
            code: { type: 'string' },
            fullName: { type: 'string' },
            shortName: { type: 'string' },
            kind: { type: 'string' },
            sector: { type: 'string' },
            municipality: { type: ['object', 'null'], properties: { code: { type: 'string' }, name: { type: 'string' } } },
            website: nullable('string'),
            accounts: {
              type: 'array',
              items: {
                type: 'object',
                properties: { network: { type: 'string' }, url: { type: 'string' }, status: { type: 'string' }, read: { type: 'boolean', description: 'записи страницы хотя бы раз прочитаны' } },
              },
            },
            rankings: {
              type: 'array',
              items: {
                type: 'object',
                properties: { editionSlug: { type: 'string' }, periodEnd: { type: 'string' }, rank: nullable('integer'), rankedCount: { type: 'integer' }, score: nullable('number') },
              },
            },
            scores: {
              type: 'array',
              description: 'Баллы организации по периодам (среднее по её аккаунтам с достаточными данными)',
              items: {
                type: 'object',
                properties: {
                  periodKind: { type: 'string' },
                  periodStart: { type: 'string' },
                  periodEnd: { type: 'string' },
                  methodologyVersion: { type: 'integer' },
                  score: nullable('number'),
                  enoughData: { type: 'boolean' },
                  accountsScored: { type: 'integer' },
                  accountsTotal: { type: 'integer' },
                  sampleSize: { type: 'integer' },
                },
              },
            },
          },
        },
        MethodologyVersion: {
          type: 'object',
          properties: {
            version: { type: 'integer' },
            locked: { type: 'boolean', description: 'Используется опубликованным рейтингом и больше не меняется' },
            title: { type: 'string' },
            effectiveFrom: { type: 'string', format: 'date' },
            criteria: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  code: { type: 'string' },
                  title: { type: 'string' },
                  description: { type: 'string' },
                  group: { type: 'string' },
                  weight: { type: 'number' },
                  kind: { type: 'string', enum: ['automatic', 'manual'] },
                  rule: { type: 'string' },
                  norm: { type: 'string' },
                },
              },
            },
          },
        },
        AccountCheck: {
          type: 'object',
          properties: {
            input: { type: 'string' },
            canonicalUrl: nullable('string'),
            official: { type: 'boolean' },
            reasonCode: {
              type: ['string', 'null'],
              enum: ['not_in_registry', 'not_a_url', 'unsupported_site', 'no_page_name', 'inside_page', 'personal_profile', 'site_section', 'invalid_name', 'private_link', null],
              description: 'Почему страница не признана официальной (машинный код); null — официальная',
            },
            reason: { ...nullable('string'), description: 'То же по-русски, для людей' },
            account: { type: ['object', 'null'] },
            organization: { type: ['object', 'null'], properties: { code: { type: 'string' }, shortName: { type: 'string' }, fullName: { type: 'string' } } },
          },
          required: ['official'],
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
