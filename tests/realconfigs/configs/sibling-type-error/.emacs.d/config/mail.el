;;; mail.el -*- lexical-binding: t -*-
(defvar my-smtp-port "587")
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.yandex.com.tr")
(setq smtpmail-smtp-service (+ my-smtp-port 0))
(setq smtpmail-stream-type 'starttls)
