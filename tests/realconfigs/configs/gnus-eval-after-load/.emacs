;;; .emacs -*- lexical-binding: t -*-

(setq user-mail-address "felix@braun.de"
      user-full-name "Felix Braun")

(eval-after-load 'gnus
  '(progn
     (setq gnus-select-method '(nntp "news.eternal-september.org"))
     (add-to-list 'gnus-secondary-select-methods
                  '(nnimap "braun" (nnimap-address "imap.braun.de") (nnimap-stream ssl)))
     (setq gnus-posting-styles '((".*" (signature "Felix"))))))

(with-eval-after-load "smtpmail"
  (setq smtpmail-smtp-service 465
        smtpmail-stream-type 'ssl))

(when (require 'smtpmail nil t)
  (setq send-mail-function #'smtpmail-send-it
        smtpmail-smtp-server "mail.braun.de"))

(setq gnus-init-file (expand-file-name "gnus.el" user-emacs-directory)
      gnus-startup-file "~/.newsrc")
(setq message-send-mail-function 'message-use-send-mail-function)
