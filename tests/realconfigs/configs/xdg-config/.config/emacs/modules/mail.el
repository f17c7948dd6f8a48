;;; mail.el -*- lexical-binding: t; -*-
(setq user-mail-address "mateus@costa.com.br")
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.costa.com.br"
      smtpmail-smtp-service 587)
(setq smtpmail-queue-dir (locate-user-emacs-file "queue/"))
