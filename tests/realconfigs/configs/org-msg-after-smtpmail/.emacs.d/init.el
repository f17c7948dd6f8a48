;;; init.el  -*- lexical-binding: t; -*-

(require 'package)
(add-to-list 'package-archives '("melpa" . "https://melpa.org/packages/"))
(package-initialize)
(unless (package-installed-p 'use-package)
  (package-refresh-contents)
  (package-install 'use-package))
(require 'use-package)

(use-package smtpmail
  :ensure nil
  :init
  (setq user-mail-address "mike@reyes.example.io"
        user-full-name "Mike Reyes")
  :config
  (setq smtpmail-smtp-server "smtp.gmail.com"
        smtpmail-smtp-service 587
        smtpmail-stream-type 'starttls
        smtpmail-debug-info t              ; Useful for initial setup
        smtpmail-debug-verb t))

(use-package notmuch
  :ensure nil
  :load-path "/usr/share/emacs/site-lisp"
  :commands (notmuch))

(use-package mu4e
  :ensure nil
  :load-path "/usr/local/share/emacs/site-lisp"
  :after smtpmail
  :commands (mu4e)
  :config
  ;; set mail user agent
  (setq mail-user-agent 'mu4e-user-agent
        message-mail-user-agent 'mu4e-user-agent)
  (setq         ;; configuration for sending mail
   message-send-mail-function #'smtpmail-send-it
   smtpmail-stream-type 'starttls
   mu4e-sent-messages-behavior 'delete))

(use-package org-msg
  :ensure t
  :after (org mu4e)
  :hook (mu4e-compose-mode . org-msg-edit-mode)
  :config
  (setq org-msg-options "html-postamble:nil H:5 num:nil ^:{} toc:nil"
        org-msg-startup "hidestars indent inlineimages"
        org-msg-default-alternatives '((new . (text html))
                                       (reply-to-html . (text html)))
        org-msg-convert-citation t))

(setq auth-sources '("~/.authinfo.gpg"))
