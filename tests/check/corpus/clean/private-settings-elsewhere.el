;; Dotfiles in CI: the private mail settings are not in the repository.
(add-to-list 'load-path (expand-file-name "private" user-emacs-directory))
(require 'my-private-mail)
(setq send-mail-function 'smtpmail-send-it
      smtpmail-stream-type 'starttls
      smtpmail-smtp-service 587)
