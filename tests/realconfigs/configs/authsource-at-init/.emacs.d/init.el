;;; init.el -*- lexical-binding: t -*-

(require 'auth-source)
(setq auth-sources '("~/.authinfo"))

(setq user-full-name "Rosa Delgado"
      user-mail-address "rosa@delgado.cl")

;; the login is whatever ~/.authinfo says for the server
(let ((found (car (auth-source-search :host "smtp.delgado.cl" :port 587 :max 1))))
  (setq smtpmail-smtp-user (plist-get found :user)))

(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.delgado.cl"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls)

(setq epg-gpg-program "gpg2")
(require 'epa-file)
(epa-file-enable)
