;;; init.el

(defvar my-domain "kowalski.pl")
(defvar my-user "piotr")
(defconst my-address (concat my-user "@" my-domain))

(setq-default user-mail-address my-address
              user-full-name "Piotr Kowalski")

(defcustom my-smtp-port 465 "Port." :type 'integer)

(setq-default send-mail-function 'smtpmail-send-it)
(setq-default smtpmail-smtp-server (concat "smtp." my-domain)
              smtpmail-smtp-service my-smtp-port
              smtpmail-stream-type (if (= my-smtp-port 465) 'ssl 'starttls))

(defvar smtpmail-smtp-user my-user)
(defvar smtpmail-smtp-user "overridden?")

(set 'mail-host-address my-domain)
(set-default 'message-send-mail-function 'smtpmail-send-it)
