export { startTestSmtpServer, decodedMailText, type ReceivedMail, type TestSmtpServer, type TestSmtpOptions } from './smtp-server';
export { alertSendersFor } from './alert-senders';
